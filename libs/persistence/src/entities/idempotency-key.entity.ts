import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A POST's Idempotency-Key and the first response to it, replayed to retries. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  /** `<actor>:<method> <path>:<key>` — a key is scoped to its caller and route. */
  @PrimaryColumn({ name: 'scope_key', type: 'text', primaryKeyConstraintName: 'pk_idempotency_keys' })
  scopeKey!: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  @Column({ name: 'state', type: 'text' })
  state!: 'in_progress' | 'completed';

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody!: unknown;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
