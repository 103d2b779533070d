import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who may use the API: people (password, bcrypt-hashed) and agency API keys (SHA-256 of the key; the key itself
 * is shown once). Not a read model: the facts are also in the event log (UserCreated, ApiKeyIssued, …) without
 * the secrets, so a rebuild never touches these tables.
 */
export class UsersAndKeys1764374900000 implements MigrationInterface {
  name = 'UsersAndKeys1764374900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        user_id         uuid        NOT NULL,
        username        text        NOT NULL,
        display_name    text        NOT NULL,
        password_hash   text,
        role            text        NOT NULL,
        organisation_id uuid,
        district_code   text,
        province_code   text,
        agency_id       text,
        email           text,
        disabled        boolean     NOT NULL DEFAULT false,
        created_by      text        NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_users PRIMARY KEY (user_id),
        CONSTRAINT uq_users_username UNIQUE (username),
        CONSTRAINT ck_users_role CHECK (role IN ('producer', 'district_coordinator', 'provincial_coordinator', 'council_member', 'lab', 'inspector', 'admin')),
        CONSTRAINT ck_users_producer_bound CHECK (role <> 'producer' OR organisation_id IS NOT NULL),
        CONSTRAINT ck_users_district_bound CHECK (role <> 'district_coordinator' OR (district_code IS NOT NULL AND province_code IS NOT NULL)),
        CONSTRAINT ck_users_province_bound CHECK (role <> 'provincial_coordinator' OR province_code IS NOT NULL),
        CONSTRAINT ck_users_agency_bound CHECK (role NOT IN ('lab', 'inspector') OR agency_id IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE api_keys (
        key_id      uuid        NOT NULL,
        prefix      text        NOT NULL,
        key_hash    text        NOT NULL,
        user_id     uuid        NOT NULL,
        name        text        NOT NULL,
        created_by  text        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        revoked_at  timestamptz,
        CONSTRAINT pk_api_keys PRIMARY KEY (key_id),
        CONSTRAINT uq_api_keys_prefix UNIQUE (prefix),
        CONSTRAINT fk_api_keys_user FOREIGN KEY (user_id) REFERENCES users (user_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_keys`);
    await q.query(`DROP TABLE users`);
  }
}
