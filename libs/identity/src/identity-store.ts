import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { OcopError } from '@ocop/domain';
import { EventRecorder } from '@ocop/persistence';
import { hashPassword } from './password';
import { UserRecord, UserRole } from './user';

export interface NewUser {
  readonly userId?: string;
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly role: UserRole;
  readonly organisationId?: string;
  readonly districtCode?: string;
  readonly provinceCode?: string;
  readonly communeCode?: string;
  readonly agencyId?: string;
  readonly email?: string;
}

/** What a user is bound to (each role uses some of these; the others are cleared). */
export interface UserBinding {
  readonly organisationId?: string;
  readonly districtCode?: string;
  readonly provinceCode?: string;
  readonly communeCode?: string;
  readonly agencyId?: string;
}

export interface ApiKeyRecord {
  readonly keyId: string;
  readonly prefix: string;
  readonly userId: string;
  readonly name: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

interface UserRow {
  user_id: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  role: UserRole;
  organisation_id: string | null;
  district_code: string | null;
  province_code: string | null;
  commune_code: string | null;
  agency_id: string | null;
  email: string | null;
  disabled: boolean;
  tokens_revoked_at?: Date | null;
  created_at: Date;
}

interface ApiKeyRow {
  key_id: string;
  prefix: string;
  key_hash: string;
  user_id: string;
  name: string;
  created_by: string;
  created_at: Date;
  revoked_at: Date | null;
}

const API_KEY_PATTERN = /^ocop_([0-9a-f]{12})_([A-Za-z0-9_-]{32,64})$/;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Users and agency API keys. Secrets are stored only as hashes (bcrypt for passwords, SHA-256 for keys, which are
 * long and random); every change is also a fact in the event log, recorded with the acting user and without the
 * secret, in the same transaction as the row.
 */
@Injectable()
export class IdentityStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recorder: EventRecorder,
  ) {}

  /** Creates a user; false if the user id is already there (a retry), ALREADY_EXISTS if the username is taken. */
  async createUser(user: NewUser, actor: string, eventId: string = randomUUID()): Promise<UserRecord> {
    const userId = user.userId ?? randomUUID();
    const existing = await this.findById(userId);
    if (existing) return existing;
    const passwordHash = await hashPassword(user.password);
    try {
      await this.recorder.recordFact(
        {
          eventId,
          streamId: `user:${userId}`,
          type: 'UserCreated',
          payload: {
            userId,
            username: user.username,
            displayName: user.displayName,
            role: user.role,
            ...pick(user, ['organisationId', 'districtCode', 'provinceCode', 'communeCode', 'agencyId']),
          },
          actor,
          occurredAt: new Date().toISOString(),
        },
        async (manager) => {
          await manager.query(
            `INSERT INTO users (user_id, username, display_name, password_hash, role, organisation_id, district_code, province_code, agency_id, email, created_by, commune_code)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
            [
              userId,
              user.username,
              user.displayName,
              passwordHash,
              user.role,
              user.organisationId ?? null,
              user.districtCode ?? null,
              user.provinceCode ?? null,
              user.agencyId ?? null,
              user.email ?? null,
              actor,
              user.communeCode ?? null,
            ],
          );
        },
      );
    } catch (error) {
      if ((error as { driverError?: { constraint?: string } }).driverError?.constraint === 'uq_users_username') {
        throw new OcopError('ALREADY_EXISTS', { field: 'username', value: user.username });
      }
      throw error;
    }
    return (await this.findById(userId))!;
  }

  /** Binds the user anew (its role stays): `UserRebound` with the whole binding, the row changed with it; nothing when it is the same. */
  async rebindUser(user: UserRecord, binding: UserBinding, actor: string, eventId: string = randomUUID()): Promise<UserRecord> {
    const keys = ['organisationId', 'districtCode', 'provinceCode', 'communeCode', 'agencyId'] as const;
    if (keys.every((k) => (user[k] ?? undefined) === binding[k])) return user;
    await this.recorder.recordFact(
      {
        eventId,
        streamId: `user:${user.userId}`,
        type: 'UserRebound',
        payload: {
          userId: user.userId,
          role: user.role,
          ...pick(binding, keys),
          before: pick(user, keys),
        },
        actor,
        occurredAt: new Date().toISOString(),
      },
      async (manager) => {
        await manager.query(
          `UPDATE users SET organisation_id = $2, district_code = $3, province_code = $4, agency_id = $5, commune_code = $6 WHERE user_id = $1`,
          [
            user.userId,
            binding.organisationId ?? null,
            binding.districtCode ?? null,
            binding.provinceCode ?? null,
            binding.agencyId ?? null,
            binding.communeCode ?? null,
          ],
        );
      },
    );
    return (await this.findById(user.userId))!;
  }

  /**
   * Switches a user off (`UserDisabled`) or on again (`UserEnabled`), the row changed with it; nothing when it is so
   * already. Every request authenticates against the row, so a disabled user's tokens and API keys stop at once.
   */
  async setUserDisabled(user: UserRecord, disabled: boolean, actor: string, eventId: string = randomUUID()): Promise<UserRecord> {
    if (user.disabled === disabled) return user;
    // The API's clock, which stamps the tokens it issues (issuedAtMs), not the database's.
    const at = new Date();
    await this.recorder.recordFact(
      {
        eventId,
        streamId: `user:${user.userId}`,
        type: disabled ? 'UserDisabled' : 'UserEnabled',
        payload: { userId: user.userId, username: user.username },
        actor,
        occurredAt: at.toISOString(),
      },
      async (manager) => {
        await manager.query(
          `UPDATE users SET disabled = $2::boolean, tokens_revoked_at = CASE WHEN $2::boolean THEN $3::timestamptz ELSE tokens_revoked_at END WHERE user_id = $1`,
          [user.userId, disabled, at],
        );
      },
    );
    return (await this.findById(user.userId))!;
  }

  async findById(userId: string, db: DataSource | EntityManager = this.dataSource): Promise<UserRecord | undefined> {
    const [row]: UserRow[] = await db.query(`SELECT * FROM users WHERE user_id = $1`, [userId]);
    return row ? toUser(row) : undefined;
  }

  /** The user and its password hash, for login only. */
  async findCredentials(username: string): Promise<{ user: UserRecord; passwordHash: string | null } | undefined> {
    const [row]: UserRow[] = await this.dataSource.query(`SELECT * FROM users WHERE username = $1`, [username]);
    return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
  }

  async listUsers(filter: { role?: UserRole } = {}): Promise<UserRecord[]> {
    const rows: UserRow[] = await this.dataSource.query(`SELECT * FROM users WHERE ($1::text IS NULL OR role = $1) ORDER BY username`, [
      filter.role ?? null,
    ]);
    return rows.map(toUser);
  }

  /** Issues an API key for a (lab, inspector, or other) user; the key is returned once and stored as a hash. */
  async issueApiKey(
    userId: string,
    name: string,
    actor: string,
    eventId: string = randomUUID(),
    presetKey?: string,
  ): Promise<{ key: string; record: ApiKeyRecord }> {
    const keyId = randomUUID();
    const key = presetKey ?? `ocop_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`;
    const prefix = API_KEY_PATTERN.exec(key)?.[1];
    if (!prefix) throw new RangeError('an API key is ocop_<12 hex>_<32–64 url-safe characters>');
    await this.recorder.recordFact(
      {
        eventId,
        streamId: `user:${userId}`,
        type: 'ApiKeyIssued',
        payload: { keyId, prefix, userId, name },
        actor,
        occurredAt: new Date().toISOString(),
      },
      async (manager) => {
        await manager.query(`INSERT INTO api_keys (key_id, prefix, key_hash, user_id, name, created_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
          keyId,
          prefix,
          sha256(key),
          userId,
          name,
          actor,
        ]);
      },
    );
    return { key, record: (await this.findApiKey(keyId))! };
  }

  async findApiKey(keyId: string): Promise<ApiKeyRecord | undefined> {
    const [row]: ApiKeyRow[] = await this.dataSource.query(`SELECT * FROM api_keys WHERE key_id = $1`, [keyId]);
    return row ? toApiKey(row) : undefined;
  }

  async listApiKeys(): Promise<ApiKeyRecord[]> {
    const rows: ApiKeyRow[] = await this.dataSource.query(`SELECT * FROM api_keys ORDER BY created_at, key_id`);
    return rows.map(toApiKey);
  }

  /** Revokes a key (revoking again keeps the first time and records nothing new). */
  async revokeApiKey(keyId: string, actor: string, eventId: string = randomUUID()): Promise<ApiKeyRecord | undefined> {
    const key = await this.findApiKey(keyId);
    if (!key || key.revokedAt) return key;
    await this.recorder.recordFact(
      {
        eventId,
        streamId: `user:${key.userId}`,
        type: 'ApiKeyRevoked',
        payload: { keyId, prefix: key.prefix },
        actor,
        occurredAt: new Date().toISOString(),
      },
      async (manager) => {
        await manager.query(`UPDATE api_keys SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL`, [keyId]);
      },
    );
    return this.findApiKey(keyId);
  }

  /** The user an API key belongs to, if the key is well-formed, known, unrevoked and its user enabled. */
  async userOfApiKey(key: string): Promise<UserRecord | undefined> {
    const match = API_KEY_PATTERN.exec(key);
    if (!match) return undefined;
    const [row]: (ApiKeyRow & UserRow)[] = await this.dataSource.query(
      `SELECT k.key_hash, u.* FROM api_keys k JOIN users u ON u.user_id = k.user_id WHERE k.prefix = $1 AND k.revoked_at IS NULL`,
      [match[1]],
    );
    if (!row) return undefined;
    const expected = Buffer.from(row.key_hash, 'hex');
    const actual = Buffer.from(sha256(key), 'hex');
    return expected.length === actual.length && timingSafeEqual(expected, actual) ? toUser(row) : undefined;
  }
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]])) as Partial<Pick<T, K>>;
}

function toUser(row: UserRow): UserRecord {
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    ...(row.organisation_id ? { organisationId: row.organisation_id } : {}),
    ...(row.district_code ? { districtCode: row.district_code } : {}),
    ...(row.province_code ? { provinceCode: row.province_code } : {}),
    ...(row.commune_code ? { communeCode: row.commune_code } : {}),
    ...(row.agency_id ? { agencyId: row.agency_id } : {}),
    ...(row.email ? { email: row.email } : {}),
    disabled: row.disabled,
    ...(row.tokens_revoked_at ? { tokensRevokedAt: new Date(row.tokens_revoked_at).toISOString() } : {}),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function toApiKey(row: ApiKeyRow): ApiKeyRecord {
  return {
    keyId: row.key_id,
    prefix: row.prefix,
    userId: row.user_id,
    name: row.name,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
  };
}
