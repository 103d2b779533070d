import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a user was last disabled: tokens issued before it stay refused even after the user is enabled again (a
 * token of someone who left must not come back to life). Not a read model: `UserDisabled` carries the same instant.
 */
export class UserTokensRevoked1764377000000 implements MigrationInterface {
  name = 'UserTokensRevoked1764377000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN tokens_revoked_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN tokens_revoked_at`);
  }
}
