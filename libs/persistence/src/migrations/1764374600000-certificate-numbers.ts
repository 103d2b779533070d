import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certificate numbers (libs/certificates): one counter per (province, year), bumped in the allocating
 * transaction so numbers have no gaps, and the numbers given out, keyed by the caller's idempotency key so a
 * retried activity gets the same number back.
 */
export class CertificateNumbers1764374600000 implements MigrationInterface {
  name = 'CertificateNumbers1764374600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE certificate_sequences (
        province_code text        NOT NULL,
        year          integer     NOT NULL,
        last_seq      integer     NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_certificate_sequences PRIMARY KEY (province_code, year),
        CONSTRAINT ck_certificate_sequences_last_seq_positive CHECK (last_seq > 0),
        CONSTRAINT ck_certificate_sequences_year CHECK (year BETWEEN 1000 AND 9999)
      )`);

    await q.query(`
      CREATE TABLE certificate_numbers (
        certificate_key text        NOT NULL,
        certificate_no  text        NOT NULL,
        province_code   text        NOT NULL,
        year            integer     NOT NULL,
        seq             integer     NOT NULL,
        allocated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_certificate_numbers PRIMARY KEY (certificate_key),
        CONSTRAINT uq_certificate_numbers_certificate_no UNIQUE (certificate_no),
        CONSTRAINT uq_certificate_numbers_province_year_seq UNIQUE (province_code, year, seq),
        CONSTRAINT ck_certificate_numbers_key_present CHECK (certificate_key <> ''),
        CONSTRAINT ck_certificate_numbers_seq_positive CHECK (seq > 0),
        CONSTRAINT ck_certificate_numbers_year CHECK (year BETWEEN 1000 AND 9999)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE certificate_numbers`);
    await q.query(`DROP TABLE certificate_sequences`);
  }
}
