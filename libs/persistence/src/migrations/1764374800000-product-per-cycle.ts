import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A product re-enters the programme in a later cycle (re-evaluation before its certificate expires): the
 * products read model holds one row per product and cycle.
 */
export class ProductPerCycle1764374800000 implements MigrationInterface {
  name = 'ProductPerCycle1764374800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE products DROP CONSTRAINT pk_products, ADD CONSTRAINT pk_products PRIMARY KEY (product_id, cycle_year)`);
    await q.query(`CREATE UNIQUE INDEX uq_products_workflow ON products (workflow_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_products_workflow`);
    await q.query(`ALTER TABLE products DROP CONSTRAINT pk_products, ADD CONSTRAINT pk_products PRIMARY KEY (product_id)`);
  }
}
