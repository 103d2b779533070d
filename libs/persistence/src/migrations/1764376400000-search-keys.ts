import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register's search folds names at query time (libs/domain `searchKeySql`: `translate()`, no extension, no
 * stored copy, so the read models and their rebuild are unchanged); sorting the register by name pages on
 * (name, workflow_id).
 */
export class SearchKeys1764376400000 implements MigrationInterface {
  name = 'SearchKeys1764376400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_products_name ON products (name, workflow_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_products_name`);
  }
}
