import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Brakes shared by every API process: failed logins per account and per client address (growing delays, then a
 * temporary lock), and per-address request windows of public endpoints. One row per key, changed under a row lock.
 */
export class Throttles1764376300000 implements MigrationInterface {
  name = 'Throttles1764376300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE throttles (
        throttle_key      text        NOT NULL,
        attempts          integer     NOT NULL DEFAULT 0,
        window_started_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at   timestamptz NOT NULL DEFAULT now(),
        blocked_until     timestamptz,
        CONSTRAINT pk_throttles PRIMARY KEY (throttle_key),
        CONSTRAINT ck_throttles_key_present CHECK (throttle_key <> ''),
        CONSTRAINT ck_throttles_attempts CHECK (attempts >= 0)
      )`);
    // Old rows are swept by their last attempt.
    await q.query(`CREATE INDEX ix_throttles_last_attempt ON throttles (last_attempt_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE throttles`);
  }
}
