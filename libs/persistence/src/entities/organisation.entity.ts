import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A producer (chủ thể): cooperative, enterprise, cooperative group or registered household business. */
@Entity({ name: 'organisations' })
export class OrganisationEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'pk_organisations' })
  organisationId!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'producer_type', type: 'text' })
  producerType!: string;

  @Column({ name: 'province_code', type: 'text' })
  provinceCode!: string;

  @Column({ name: 'district_code', type: 'text' })
  districtCode!: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;
}
