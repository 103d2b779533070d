import { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN_STAGES = `due_at IS NOT NULL AND stage NOT IN ('rejected', 'withdrawn', 'not_qualified', 'failed_lab_test', 'certified')`;

/**
 * The progress dashboard (`GET /cycles/:province/:year/progress`) at 100,000 products a cycle: every list of
 * deadlines is read in deadline order up to its LIMIT and counted by an index-only scan, so the open-item indexes
 * (same names and predicates) gain the district and product group as key columns: the filters become index
 * conditions and the counts never visit the table. Certified products are indexed in (organisation, stars) order for
 * the province (one streaming GroupAggregate) and by area for a district or group; certificates that supersede
 * another get a small partial index (re-evaluations, subtracted from the certified count instead of joining every
 * certified product to its certificate); "has this organisation a product in the cycle within the filters?" is
 * answered by an index alone. Index-only scans need the visibility map: VACUUM (ANALYZE) the read models after a
 * bulk rebuild.
 */
export class ProgressSpeed1764375200000 implements MigrationInterface {
  name = 'ProgressSpeed1764375200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_products_open_due`);
    await q.query(`
      CREATE INDEX ix_products_open_due ON products (province_code, cycle_year, due_at, district_code, product_group)
        WHERE ${OPEN_STAGES}`);
    await q.query(`DROP INDEX ix_lab_requests_open_due`);
    await q.query(`
      CREATE INDEX ix_lab_requests_open_due ON lab_requests (province_code, cycle_year, due_at, district_code, product_group)
        WHERE status = 'requested'`);
    // Certified products in (organisation, stars) order: the stars, the count and the organisations come out of one
    // streaming GroupAggregate, without hashing every row; a district's (or group's) certified products by area.
    await q.query(`DROP INDEX ix_products_certified`);
    await q.query(`
      CREATE INDEX ix_products_certified ON products (province_code, cycle_year, organisation_id, stars)
        INCLUDE (district_code, product_group) WHERE stage = 'certified'`);
    await q.query(`
      CREATE INDEX ix_products_certified_area ON products (province_code, cycle_year, district_code, product_group)
        INCLUDE (organisation_id, stars) WHERE stage = 'certified'`);
    await q.query(`DROP INDEX ix_products_organisation_cycle`);
    await q.query(
      `CREATE INDEX ix_products_organisation_cycle ON products (organisation_id, cycle_year, province_code, district_code, product_group)`,
    );
    await q.query(
      `CREATE INDEX ix_certificates_superseding ON certificates (province_code, cycle_year) INCLUDE (product_id, certificate_no) WHERE supersedes IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_certificates_superseding`);
    await q.query(`DROP INDEX ix_products_organisation_cycle`);
    await q.query(`CREATE INDEX ix_products_organisation_cycle ON products (organisation_id, cycle_year)`);
    await q.query(`DROP INDEX ix_products_certified_area`);
    await q.query(`DROP INDEX ix_products_certified`);
    await q.query(`
      CREATE INDEX ix_products_certified ON products (province_code, cycle_year, district_code, product_group)
        INCLUDE (organisation_id, stars, certificate_no) WHERE stage = 'certified'`);
    await q.query(`DROP INDEX ix_lab_requests_open_due`);
    await q.query(`CREATE INDEX ix_lab_requests_open_due ON lab_requests (province_code, cycle_year, due_at) WHERE status = 'requested'`);
    await q.query(`DROP INDEX ix_products_open_due`);
    await q.query(`CREATE INDEX ix_products_open_due ON products (province_code, cycle_year, due_at) WHERE ${OPEN_STAGES}`);
  }
}
