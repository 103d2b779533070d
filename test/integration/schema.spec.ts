import { DataSource } from 'typeorm';
import { runMigrations } from '@ocop/persistence';
import { openTestDatabase } from '../support/database';

describe('schema migrations', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.destroy());

  it('have been applied, and applying them again does nothing', async () => {
    await expect(runMigrations(process.env.OCOP_TEST_DATABASE_URL!)).resolves.toEqual([]);
    const applied: { name: string }[] = await db.query(`SELECT name FROM schema_migrations`);
    expect(applied.map((m) => m.name)).toContain('InitialSchema1764374400000');
  });

  it('give the event log its named constraints and timestamptz times', async () => {
    const constraints: { conname: string }[] = await db.query(`SELECT conname FROM pg_constraint WHERE conrelid = 'events'::regclass`);
    expect(constraints.map((c) => c.conname)).toEqual(expect.arrayContaining(['pk_events', 'uq_events_stream_seq']));
    const columns: { column_name: string; data_type: string }[] = await db.query(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events' ORDER BY ordinal_position`,
    );
    expect(Object.fromEntries(columns.map((c) => [c.column_name, c.data_type]))).toEqual({
      event_id: 'text',
      position: 'bigint',
      stream_id: 'text',
      stream_seq: 'integer',
      type: 'text',
      payload: 'jsonb',
      actor: 'text',
      occurred_at: 'timestamp with time zone',
      recorded_at: 'timestamp with time zone',
    });
  });

  it('refuses an event without an actor', async () => {
    await expect(
      db.query(
        `INSERT INTO events (event_id, stream_id, stream_seq, type, payload, actor, occurred_at) VALUES ('x-no-actor', 's', 1, 'T', '{}', '', now())`,
      ),
    ).rejects.toThrow(/ck_events_actor_present/);
  });
});
