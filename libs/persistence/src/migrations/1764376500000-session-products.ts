import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The products entered in each session, as a read model (the session projection writes it on ProductEntered): who
 * sits on a session a product was entered in is then a join of two read models, not a scan of the event log's
 * payloads. Filled from the log here for databases that already hold sessions (a rebuild gives the same rows).
 */
export class SessionProducts1764376500000 implements MigrationInterface {
  name = 'SessionProducts1764376500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE session_products (
        session_id          text        NOT NULL,
        product_id          text        NOT NULL,
        entered_at          timestamptz NOT NULL,
        last_event_position bigint      NOT NULL,
        CONSTRAINT pk_session_products PRIMARY KEY (session_id, product_id)
      )`);
    // "The sessions a product was entered in" (access to the product for their members).
    await q.query(`CREATE INDEX ix_session_products_product ON session_products (product_id)`);
    await q.query(`
      INSERT INTO session_products (session_id, product_id, entered_at, last_event_position)
      SELECT DISTINCT ON (s.session_id, e.payload->>'productId') s.session_id, e.payload->>'productId', e.occurred_at, e.position
        FROM events e JOIN sessions s ON e.stream_id = 'session:' || s.session_id
       WHERE e.type = 'ProductEntered' AND jsonb_typeof(e.payload->'productId') = 'string'
       ORDER BY s.session_id, e.payload->>'productId', e.position DESC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE session_products`);
  }
}
