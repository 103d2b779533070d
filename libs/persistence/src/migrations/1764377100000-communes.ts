import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Communes (the 2025 map, QĐ 1489/2025): the `commune_officer` role bound to a commune; an organisation's commune,
 * and its old commune and district when it registered before the reform; a product's commune (the area of a commune
 * cycle), by which commune officers' lists and a commune cycle's progress are read.
 */
export class Communes1764377100000 implements MigrationInterface {
  name = 'Communes1764377100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT ck_users_role`);
    await q.query(`
      ALTER TABLE users ADD CONSTRAINT ck_users_role CHECK (role IN
        ('producer', 'district_coordinator', 'commune_officer', 'provincial_coordinator', 'central_coordinator', 'council_member', 'lab', 'inspector', 'admin'))`);
    await q.query(`ALTER TABLE users ADD COLUMN commune_code text`);
    await q.query(
      `ALTER TABLE organisations ADD COLUMN commune_code text, ADD COLUMN legacy_commune_code text, ADD COLUMN legacy_district_code text`,
    );
    await q.query(`CREATE INDEX ix_organisations_commune ON organisations (commune_code) WHERE commune_code IS NOT NULL`);
    await q.query(`ALTER TABLE products ADD COLUMN commune_code text, ADD COLUMN previous_certificate_no text`);
    await q.query(`CREATE INDEX ix_products_commune ON products (commune_code, cycle_year) WHERE commune_code IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_products_commune`);
    await q.query(`ALTER TABLE products DROP COLUMN commune_code, DROP COLUMN previous_certificate_no`);
    await q.query(`DROP INDEX ix_organisations_commune`);
    await q.query(`ALTER TABLE organisations DROP COLUMN commune_code, DROP COLUMN legacy_commune_code, DROP COLUMN legacy_district_code`);
    await q.query(`DELETE FROM users WHERE role = 'commune_officer'`);
    await q.query(`ALTER TABLE users DROP COLUMN commune_code`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT ck_users_role`);
    await q.query(`
      ALTER TABLE users ADD CONSTRAINT ck_users_role CHECK (role IN
        ('producer', 'district_coordinator', 'provincial_coordinator', 'central_coordinator', 'council_member', 'lab', 'inspector', 'admin'))`);
  }
}
