import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models the HTTP API reads, all derived from the event log (rebuildable): organisations become a projection
 * of `OrganisationRegistered`; cycles, lab requests and inspections get tables of their own; sessions and
 * certificates gain the columns the API filters on. Timeline reads of one stream use `uq_events_stream_seq`
 * (stream_id, stream_seq), so the log needs no new index.
 */
export class ApiReadModels1764375000000 implements MigrationInterface {
  name = 'ApiReadModels1764375000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE organisations
        ADD COLUMN founded_year        integer,
        ADD COLUMN tax_code            text,
        ADD COLUMN contact_email       text,
        ADD COLUMN registered_by       text,
        ADD COLUMN last_event_position bigint`);

    await q.query(`
      CREATE TABLE cycles (
        province_code       text        NOT NULL,
        cycle_year          integer     NOT NULL,
        rule_set            text        NOT NULL,
        calendar            jsonb       NOT NULL,
        targets             jsonb       NOT NULL,
        day_length_ms       integer,
        status              text        NOT NULL DEFAULT 'open',
        opened_by           text        NOT NULL,
        opened_at           timestamptz NOT NULL,
        workflow_id         text        NOT NULL,
        last_event_position bigint      NOT NULL,
        updated_at          timestamptz NOT NULL,
        CONSTRAINT pk_cycles PRIMARY KEY (province_code, cycle_year),
        CONSTRAINT uq_cycles_workflow UNIQUE (workflow_id),
        CONSTRAINT ck_cycles_day_length_positive CHECK (day_length_ms > 0)
      )`);

    await q.query(`
      ALTER TABLE sessions
        ADD COLUMN chair_id   text,
        ADD COLUMN member_ids text[] NOT NULL DEFAULT '{}',
        ADD COLUMN members    jsonb  NOT NULL DEFAULT '[]',
        ADD COLUMN opened_by  text`);
    // "The sessions I sit on": member_ids @> ARRAY[$1].
    await q.query(`CREATE INDEX ix_sessions_member_ids ON sessions USING gin (member_ids)`);

    await q.query(`
      ALTER TABLE certificates
        ADD COLUMN inspector_id text,
        ADD COLUMN cycle_year   integer,
        ADD COLUMN supersedes   text`);

    await q.query(`
      CREATE TABLE lab_requests (
        request_id          text        NOT NULL,
        product_id          uuid        NOT NULL,
        workflow_id         text        NOT NULL,
        cycle_year          integer     NOT NULL,
        province_code       text        NOT NULL,
        district_code       text        NOT NULL,
        product_group       text        NOT NULL,
        product_name        text        NOT NULL,
        lab_id              text        NOT NULL,
        attempt             integer     NOT NULL,
        status              text        NOT NULL,
        requested_at        timestamptz NOT NULL,
        due_at              timestamptz,
        results             jsonb,
        decided_at          timestamptz,
        last_event_position bigint      NOT NULL,
        updated_at          timestamptz NOT NULL,
        CONSTRAINT pk_lab_requests PRIMARY KEY (request_id),
        CONSTRAINT ck_lab_requests_status CHECK (status IN ('requested', 'passed', 'failed', 'overdue')),
        CONSTRAINT ck_lab_requests_attempt_positive CHECK (attempt > 0)
      )`);
    await q.query(`CREATE INDEX ix_lab_requests_lab_status ON lab_requests (lab_id, status)`);
    await q.query(`CREATE INDEX ix_lab_requests_workflow ON lab_requests (workflow_id)`);

    await q.query(`
      CREATE TABLE inspections (
        certificate_no        text        NOT NULL,
        round                 integer     NOT NULL,
        inspector_id          text,
        product_id            uuid        NOT NULL,
        organisation_id       uuid        NOT NULL,
        province_code         text        NOT NULL,
        status                text        NOT NULL,
        due_at                timestamptz NOT NULL,
        report_due_at         timestamptz NOT NULL,
        remediation_due_at    timestamptz,
        verdict               text,
        re_inspection_verdict text,
        requested_at          timestamptz NOT NULL,
        last_event_position   bigint      NOT NULL,
        updated_at            timestamptz NOT NULL,
        CONSTRAINT pk_inspections PRIMARY KEY (certificate_no, round),
        CONSTRAINT ck_inspections_round_positive CHECK (round > 0),
        CONSTRAINT ck_inspections_status CHECK (status IN ('requested', 'passed', 'failed', 'overdue', 'revoked')),
        CONSTRAINT ck_inspections_verdict CHECK (verdict IN ('pass', 'fail')),
        CONSTRAINT ck_inspections_re_inspection_verdict CHECK (re_inspection_verdict IN ('pass', 'fail'))
      )`);
    await q.query(`CREATE INDEX ix_inspections_inspector_status ON inspections (inspector_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inspections`);
    await q.query(`DROP TABLE lab_requests`);
    await q.query(`ALTER TABLE certificates DROP COLUMN supersedes, DROP COLUMN cycle_year, DROP COLUMN inspector_id`);
    await q.query(`DROP INDEX ix_sessions_member_ids`);
    await q.query(`ALTER TABLE sessions DROP COLUMN opened_by, DROP COLUMN members, DROP COLUMN member_ids, DROP COLUMN chair_id`);
    await q.query(`DROP TABLE cycles`);
    await q.query(`
      ALTER TABLE organisations
        DROP COLUMN last_event_position, DROP COLUMN registered_by, DROP COLUMN contact_email, DROP COLUMN tax_code, DROP COLUMN founded_year`);
  }
}
