import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The central office: the `central_coordinator` role (bound to no province; it sees them all), and the indexes its
 * national view reads through (every province's products by year and stage, certificates by expiry).
 */
export class CentralOffice1764376900000 implements MigrationInterface {
  name = 'CentralOffice1764376900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT ck_users_role`);
    await q.query(`
      ALTER TABLE users ADD CONSTRAINT ck_users_role CHECK (role IN
        ('producer', 'district_coordinator', 'provincial_coordinator', 'central_coordinator', 'council_member', 'lab', 'inspector', 'admin'))`);
    // The national view: a year's certificates in force by province and stars (its products and nominees are read
    // through ix_products_cycle_stage).
    await q.query(
      `CREATE INDEX ix_certificates_national ON certificates (cycle_year, province_code, stars) WHERE status IN ('valid', 'remediation')`,
    );
    // Certificates expiring soon, across provinces.
    await q.query(
      `CREATE INDEX ix_certificates_expiry ON certificates (expires_at) INCLUDE (province_code) WHERE status IN ('valid', 'remediation')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_certificates_expiry`);
    await q.query(`DROP INDEX ix_certificates_national`);
    await q.query(`DELETE FROM users WHERE role = 'central_coordinator'`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT ck_users_role`);
    await q.query(`
      ALTER TABLE users ADD CONSTRAINT ck_users_role CHECK (role IN
        ('producer', 'district_coordinator', 'provincial_coordinator', 'council_member', 'lab', 'inspector', 'admin'))`);
  }
}
