import { EntityManager } from 'typeorm';

/**
 * The next position in a stream the API appends to itself (organisations, users, inboxes: no workflow owns them).
 * Takes a transaction-scoped advisory lock on the stream, so two requests on the same stream queue instead of
 * colliding on (stream_id, stream_seq).
 */
export async function nextStreamSeq(manager: EntityManager, streamId: string): Promise<number> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [streamId]);
  const [row]: { next: number }[] = await manager.query(
    `SELECT COALESCE(MAX(stream_seq), 0) + 1 AS next FROM events WHERE stream_id = $1`,
    [streamId],
  );
  return Number(row!.next);
}
