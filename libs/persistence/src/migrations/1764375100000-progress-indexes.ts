import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the coordinators' progress dashboard (`GET /cycles/:province/:year/progress`) and the certificate
 * and organisation lists, so they stay index scans at 100,000 products a cycle. The partial indexes' predicates are
 * repeated word for word by the queries that use them (CycleProgressRepository): the planner only uses a partial
 * index when the query's WHERE implies its predicate. The terminal stages are TERMINAL_STAGES of libs/contracts.
 */
export class ProgressIndexes1764375100000 implements MigrationInterface {
  name = 'ProgressIndexes1764375100000';

  async up(q: QueryRunner): Promise<void> {
    // Certified products of a province-year: stars, new certificates, organisations consolidated (index-only).
    await q.query(`
      CREATE INDEX ix_products_certified ON products (province_code, cycle_year, district_code, product_group)
        INCLUDE (organisation_id, stars, certificate_no) WHERE stage = 'certified'`);
    // Steps still awaited, by deadline: overdue now and due in the next days.
    await q.query(`
      CREATE INDEX ix_products_open_due ON products (province_code, cycle_year, due_at)
        WHERE due_at IS NOT NULL AND stage NOT IN ('rejected', 'withdrawn', 'not_qualified', 'failed_lab_test', 'certified')`);
    // "Has this organisation a product in the cycle?" (new organisations).
    await q.query(`CREATE INDEX ix_products_organisation_cycle ON products (organisation_id, cycle_year)`);
    await q.query(`CREATE INDEX ix_organisations_province_founded ON organisations (province_code, founded_year)`);
    await q.query(`CREATE INDEX ix_organisations_district ON organisations (district_code)`);
    // Lab results still awaited, by deadline.
    await q.query(`CREATE INDEX ix_lab_requests_open_due ON lab_requests (province_code, cycle_year, due_at) WHERE status = 'requested'`);
    // Inspection reports still awaited, by deadline.
    await q.query(`CREATE INDEX ix_inspections_open_report_due ON inspections (province_code, report_due_at) WHERE status = 'requested'`);
    await q.query(`CREATE INDEX ix_sessions_province_cycle_date ON sessions (province_code, cycle_year, session_date)`);
    // Certificate lists: by province and cycle, by district, by organisation, by inspector.
    await q.query(`CREATE INDEX ix_certificates_province_cycle ON certificates (province_code, cycle_year, district_code)`);
    await q.query(`CREATE INDEX ix_certificates_district ON certificates (district_code, cycle_year)`);
    await q.query(`CREATE INDEX ix_certificates_organisation ON certificates (organisation_id)`);
    await q.query(`CREATE INDEX ix_certificates_inspector ON certificates (inspector_id) WHERE inspector_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'ix_certificates_inspector',
      'ix_certificates_organisation',
      'ix_certificates_district',
      'ix_certificates_province_cycle',
      'ix_sessions_province_cycle_date',
      'ix_inspections_open_report_due',
      'ix_lab_requests_open_due',
      'ix_organisations_district',
      'ix_organisations_province_founded',
      'ix_products_organisation_cycle',
      'ix_products_open_due',
      'ix_products_certified',
    ]) {
      await q.query(`DROP INDEX ${index}`);
    }
  }
}
