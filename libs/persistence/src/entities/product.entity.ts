import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Read model: one row per product and cycle (a journey), derived from the event log only. */
@Entity({ name: 'products' })
@Index('ix_products_cycle_stage', ['cycleYear', 'stage'])
@Index('ix_products_organisation', ['organisationId'])
export class ProductEntity {
  @PrimaryColumn({ name: 'product_id', type: 'uuid', primaryKeyConstraintName: 'pk_products' })
  productId!: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'product_group', type: 'text' })
  productGroup!: string;

  @Column({ name: 'province_code', type: 'text' })
  provinceCode!: string;

  @Column({ name: 'district_code', type: 'text' })
  districtCode!: string;

  @PrimaryColumn({ name: 'cycle_year', type: 'integer', primaryKeyConstraintName: 'pk_products' })
  cycleYear!: number;

  @Column({ name: 'rule_set', type: 'text' })
  ruleSet!: string;

  @Column({ name: 'stage', type: 'text' })
  stage!: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ name: 'submitted_by', type: 'text' })
  submittedBy!: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  /** Position of the last event applied to this row. */
  @Column({ name: 'last_event_position', type: 'bigint' })
  lastEventPosition!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
