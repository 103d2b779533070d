import { MigrationInterface, QueryRunner } from 'typeorm';
import { searchKeySql } from '@ocop/domain';

/**
 * The register's search (name, organisation, certificate number; Vietnamese with or without diacritics): each
 * searched read model gets a folded copy of its searched text as a generated column, so whatever writes the row —
 * a live projection or a rebuild from the event log — the key follows, and rows already there get theirs now.
 * Searches are `LIKE '%word%'` per word, filtered within the caller's area and the register's other filters.
 */
export class SearchKeys1764375600000 implements MigrationInterface {
  name = 'SearchKeys1764375600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE products ADD COLUMN search_key text GENERATED ALWAYS AS (${searchKeySql(`name || ' ' || coalesce(certificate_no, '')`)}) STORED`,
    );
    await q.query(
      `ALTER TABLE organisations ADD COLUMN search_key text GENERATED ALWAYS AS (${searchKeySql(`name || ' ' || coalesce(tax_code, '')`)}) STORED`,
    );
    await q.query(
      `ALTER TABLE certificates ADD COLUMN search_key text GENERATED ALWAYS AS (${searchKeySql(`certificate_no || ' ' || product_name`)}) STORED`,
    );
    // Sorting the register by name pages on (name, workflow_id).
    await q.query(`CREATE INDEX ix_products_name ON products (name, workflow_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_products_name`);
    await q.query(`ALTER TABLE certificates DROP COLUMN search_key`);
    await q.query(`ALTER TABLE organisations DROP COLUMN search_key`);
    await q.query(`ALTER TABLE products DROP COLUMN search_key`);
  }
}
