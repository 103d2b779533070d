import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** The append-only event log (DESIGN.md §2). Nothing updates or deletes a row. */
@Entity({ name: 'events' })
@Unique('uq_events_stream_seq', ['streamId', 'streamSeq'])
@Index('ix_events_position', ['position'], { unique: true })
export class EventEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text', primaryKeyConstraintName: 'pk_events' })
  eventId!: string;

  /** Global order of the log, for replays. */
  @Column({ name: 'position', type: 'bigint', generated: 'increment', insert: false, update: false })
  position!: string;

  @Column({ name: 'stream_id', type: 'text' })
  streamId!: string;

  @Column({ name: 'stream_seq', type: 'integer' })
  streamSeq!: number;

  @Column({ name: 'type', type: 'text' })
  type!: string;

  @Column({ name: 'payload', type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'actor', type: 'text' })
  actor!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz', insert: false, update: false })
  recordedAt!: Date;
}
