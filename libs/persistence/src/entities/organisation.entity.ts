import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A producer (chủ thể): cooperative, enterprise, cooperative group or registered household business. Read model of
 * `OrganisationRegistered` (stream `organisation:<id>`): written by OrganisationProjection only.
 */
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

  @Column({ name: 'founded_year', type: 'integer', nullable: true })
  foundedYear!: number | null;

  @Column({ name: 'tax_code', type: 'text', nullable: true })
  taxCode!: string | null;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail!: string | null;

  /** The actor who registered it (the event's actor). */
  @Column({ name: 'registered_by', type: 'text', nullable: true })
  registeredBy!: string | null;

  /** The registration's time (the event's occurredAt). */
  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;

  /** Position of the last event applied to this row (null only for rows older than the event). */
  @Column({ name: 'last_event_position', type: 'bigint', nullable: true })
  lastEventPosition!: string | null;
}
