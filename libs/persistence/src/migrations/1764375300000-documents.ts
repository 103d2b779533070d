import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents attached to products (read model of DocumentUploaded / DocumentRemoved; the bytes live in the document
 * store, content-addressed by SHA-256), and the province's decisions recognising certificates.
 */
export class Documents1764375300000 implements MigrationInterface {
  name = 'Documents1764375300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE documents (
        document_id uuid NOT NULL,
        product_id uuid NOT NULL,
        kind text NOT NULL,
        subject_id text,
        sha256 text NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL,
        removed_by text,
        removed_at timestamptz,
        last_event_position bigint NOT NULL,
        CONSTRAINT pk_documents PRIMARY KEY (document_id),
        CONSTRAINT ck_documents_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_documents_size CHECK (size_bytes > 0)
      )`);
    await q.query(`CREATE INDEX ix_documents_product ON documents (product_id, uploaded_at) WHERE removed_at IS NULL`);
    await q.query(`CREATE INDEX ix_documents_sha256 ON documents (sha256) WHERE removed_at IS NULL`);
    await q.query(`
      CREATE TABLE certificate_decisions (
        certificate_no text NOT NULL,
        decision_no text NOT NULL,
        decision_date text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        last_event_position bigint NOT NULL,
        CONSTRAINT pk_certificate_decisions PRIMARY KEY (certificate_no),
        CONSTRAINT ck_certificate_decisions_date CHECK (decision_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE certificate_decisions`);
    await q.query(`DROP TABLE documents`);
  }
}
