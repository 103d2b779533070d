import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764374400000 implements MigrationInterface {
  name = 'InitialSchema1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events (
        event_id     text        NOT NULL,
        position     bigint      GENERATED ALWAYS AS IDENTITY,
        stream_id    text        NOT NULL,
        stream_seq   integer     NOT NULL,
        type         text        NOT NULL,
        payload      jsonb       NOT NULL,
        actor        text        NOT NULL,
        occurred_at  timestamptz NOT NULL,
        recorded_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_events PRIMARY KEY (event_id),
        CONSTRAINT uq_events_stream_seq UNIQUE (stream_id, stream_seq),
        CONSTRAINT ck_events_stream_seq_positive CHECK (stream_seq > 0),
        CONSTRAINT ck_events_actor_present CHECK (actor <> '')
      )`);
    await q.query(`CREATE UNIQUE INDEX ix_events_position ON events (position)`);
    await q.query(`CREATE INDEX ix_events_type ON events (type)`);
    // The log is append-only: refuse UPDATE and DELETE at the database, not just by convention.
    await q.query(`
      CREATE FUNCTION events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events is append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_events_append_only BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION events_are_append_only()`);

    await q.query(`
      CREATE TABLE organisations (
        organisation_id uuid        NOT NULL,
        name            text        NOT NULL,
        producer_type   text        NOT NULL,
        province_code   text        NOT NULL,
        district_code   text        NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_organisations PRIMARY KEY (organisation_id)
      )`);

    await q.query(`
      CREATE TABLE products (
        product_id          uuid        NOT NULL,
        organisation_id     uuid        NOT NULL,
        name                text        NOT NULL,
        product_group       text        NOT NULL,
        province_code       text        NOT NULL,
        district_code       text        NOT NULL,
        cycle_year          integer     NOT NULL,
        rule_set            text        NOT NULL,
        stage               text        NOT NULL,
        workflow_id         text        NOT NULL,
        submitted_by        text        NOT NULL,
        submitted_at        timestamptz NOT NULL,
        last_event_position bigint      NOT NULL,
        updated_at          timestamptz NOT NULL,
        CONSTRAINT pk_products PRIMARY KEY (product_id)
      )`);
    await q.query(`CREATE INDEX ix_products_cycle_stage ON products (cycle_year, stage)`);
    await q.query(`CREATE INDEX ix_products_organisation ON products (organisation_id)`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        scope_key       text        NOT NULL,
        request_hash    text        NOT NULL,
        state           text        NOT NULL,
        response_status integer,
        response_body   jsonb,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_idempotency_keys PRIMARY KEY (scope_key),
        CONSTRAINT ck_idempotency_keys_state CHECK (state IN ('in_progress', 'completed'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE products`);
    await q.query(`DROP TABLE organisations`);
    await q.query(`DROP TABLE events`);
    await q.query(`DROP FUNCTION events_are_append_only()`);
  }
}
