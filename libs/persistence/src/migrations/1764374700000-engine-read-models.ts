import { MigrationInterface, QueryRunner } from 'typeorm';

/** Read models of the cycle engine: product progress, certificates, council sessions, cycle counters. */
export class EngineReadModels1764374700000 implements MigrationInterface {
  name = 'EngineReadModels1764374700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE products
        ADD COLUMN stars          integer,
        ADD COLUMN due_at         timestamptz,
        ADD COLUMN certificate_no text,
        ADD COLUMN session_id     text,
        ADD COLUMN reason         text`);
    await q.query(`CREATE INDEX ix_products_district_stage ON products (province_code, cycle_year, district_code, stage)`);
    await q.query(`CREATE INDEX ix_products_due ON products (due_at) WHERE due_at IS NOT NULL`);

    await q.query(`
      CREATE TABLE certificates (
        certificate_no      text        NOT NULL,
        product_id          uuid        NOT NULL,
        organisation_id     uuid        NOT NULL,
        product_name        text        NOT NULL,
        province_code       text        NOT NULL,
        district_code       text        NOT NULL,
        product_group       text        NOT NULL,
        stars               integer     NOT NULL,
        status              text        NOT NULL,
        issued_at           timestamptz NOT NULL,
        expires_at          timestamptz NOT NULL,
        superseded_by       text,
        status_reason       text,
        last_event_position bigint      NOT NULL,
        updated_at          timestamptz NOT NULL,
        CONSTRAINT pk_certificates PRIMARY KEY (certificate_no),
        CONSTRAINT ck_certificates_stars CHECK (stars BETWEEN 3 AND 5)
      )`);
    await q.query(`CREATE INDEX ix_certificates_product ON certificates (product_id)`);

    await q.query(`
      CREATE TABLE sessions (
        session_id          text        NOT NULL,
        level               text        NOT NULL,
        area_code           text        NOT NULL,
        province_code       text        NOT NULL,
        cycle_year          integer     NOT NULL,
        session_date        timestamptz NOT NULL,
        status              text        NOT NULL,
        products_entered    integer     NOT NULL DEFAULT 0,
        products_scored     integer     NOT NULL DEFAULT 0,
        last_event_position bigint      NOT NULL,
        updated_at          timestamptz NOT NULL,
        CONSTRAINT pk_sessions PRIMARY KEY (session_id)
      )`);

    await q.query(`
      CREATE TABLE cycle_progress (
        province_code text    NOT NULL,
        cycle_year    integer NOT NULL,
        stage         text    NOT NULL,
        district_code text    NOT NULL,
        product_group text    NOT NULL,
        products      integer NOT NULL,
        CONSTRAINT pk_cycle_progress PRIMARY KEY (province_code, cycle_year, stage, district_code, product_group),
        CONSTRAINT ck_cycle_progress_non_negative CHECK (products >= 0)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cycle_progress`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE certificates`);
    await q.query(`DROP INDEX ix_products_due`);
    await q.query(`DROP INDEX ix_products_district_stage`);
    await q.query(
      `ALTER TABLE products DROP COLUMN stars, DROP COLUMN due_at, DROP COLUMN certificate_no, DROP COLUMN session_id, DROP COLUMN reason`,
    );
  }
}
