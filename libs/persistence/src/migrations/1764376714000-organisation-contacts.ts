import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An organisation's contact details beyond the email it was registered with (phone, address, legal representative),
 * changed by `OrganisationContactChanged` (the organisation projection writes them, with who changed them last and
 * when). No event of that type predates this migration, so there is nothing to fill from the log.
 */
export class OrganisationContacts1764376714000 implements MigrationInterface {
  name = 'OrganisationContacts1764376714000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE organisations
        ADD COLUMN contact_phone      text,
        ADD COLUMN address            text,
        ADD COLUMN representative     text,
        ADD COLUMN contact_updated_by text,
        ADD COLUMN contact_updated_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE organisations
        DROP COLUMN contact_phone,
        DROP COLUMN address,
        DROP COLUMN representative,
        DROP COLUMN contact_updated_by,
        DROP COLUMN contact_updated_at`);
  }
}
