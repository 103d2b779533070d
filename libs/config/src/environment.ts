import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { existsSync } from 'node:fs';
import { DEFAULT_TASK_QUEUE } from '@ocop/contracts';

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : value === 'true' || value === '1'
      ? true
      : value === 'false' || value === '0'
        ? false
        : value;
const toInteger = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;

/** Development/test default of WEBHOOK_SECRET; refused in production. */
export const DEV_WEBHOOK_SECRET = 'ocop-flow-dev-webhook-secret';

/** Development/test default of JWT_SECRET; refused in production. */
export const DEV_JWT_SECRET = 'ocop-flow-dev-jwt-secret-change-me';

/** The whole process environment the apps read, validated once at boot. */
export class Environment {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// connection URL' })
  DATABASE_URL!: string;

  @Matches(/^[^\s:/]+:\d{1,5}$/, { message: 'TEMPORAL_ADDRESS must be host:port, e.g. localhost:7233' })
  TEMPORAL_ADDRESS = 'localhost:7233';

  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/, {
    message: 'TEMPORAL_NAMESPACE must be 1–255 letters, digits, dots, dashes or underscores',
  })
  TEMPORAL_NAMESPACE = 'default';

  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,254}$/, {
    message: 'TEMPORAL_TASK_QUEUE must be 1–255 letters, digits, dots, colons, dashes or underscores',
  })
  TEMPORAL_TASK_QUEUE = DEFAULT_TASK_QUEUE;

  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean({ message: 'TEMPORAL_TLS must be true or false' })
  TEMPORAL_TLS?: boolean;

  @IsOptional()
  @IsString()
  @MinLength(1)
  TEMPORAL_API_KEY?: string;

  @IsOptional()
  @IsString()
  TEMPORAL_TLS_CERT_PATH?: string;

  @IsOptional()
  @IsString()
  TEMPORAL_TLS_KEY_PATH?: string;

  @IsOptional()
  @IsString()
  TEMPORAL_TLS_CA_PATH?: string;

  @IsOptional()
  @IsString()
  TEMPORAL_TLS_SERVER_NAME?: string;

  @Transform(toInteger)
  @IsInt({ message: 'PORT must be an integer' })
  @Min(1, { message: 'PORT must be between 1 and 65535' })
  @Max(65535, { message: 'PORT must be between 1 and 65535' })
  PORT = 3000;

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'], { message: 'LOG_LEVEL must be one of error, warn, log, debug, verbose' })
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** SMTP server for notification e-mail. Unset: e-mail notifications stay queued (the dispatcher warns once). */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://127.0.0.1:1025' })
  SMTP_URL?: string;

  /** Sender of notification e-mail; the dispatcher defaults to 'OCOP Flow <no-reply@ocop.local>'. */
  @IsOptional()
  @IsString()
  @MinLength(3, { message: 'SMTP_FROM must be a sender address, e.g. OCOP Flow <no-reply@example.vn>' })
  SMTP_FROM?: string;

  /** Signs agency webhooks (X-Ocop-Signature: HMAC-SHA256). The default is for development and tests only:
   * validateEnvironment refuses it when NODE_ENV=production. */
  @IsString()
  @MinLength(16, { message: 'WEBHOOK_SECRET must be at least 16 characters' })
  WEBHOOK_SECRET = DEV_WEBHOOK_SECRET;

  /**
   * Where the public certificate verification page is reached (printed under the QR code). Unset, it is this API's
   * own address, http://localhost:<PORT> — a moved PORT moves the QR codes with it.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_BASE_URL must be an http:// or https:// URL' })
  PUBLIC_BASE_URL!: string;

  /**
   * Workflows the worker keeps in memory between their tasks (Temporal's sticky cache). Each open journey costs the
   * worker memory while cached; beyond this, the least recent is evicted and replayed from history when it next
   * moves. `npm run bench` measured ≈ 2.1 GB of worker RSS with 10,000 journeys open and the SDK's default.
   */
  @Transform(toInteger)
  @IsInt({ message: 'WORKER_MAX_CACHED_WORKFLOWS must be an integer' })
  @Min(0, { message: 'WORKER_MAX_CACHED_WORKFLOWS must be 0 or more' })
  WORKER_MAX_CACHED_WORKFLOWS = 1000;

  /**
   * How long the API waits for Temporal to take a step (an update, its start, or a live-state query) before it answers
   * 503 WORKFLOW_UNAVAILABLE with Retry-After. Without a bound a step whose workflow cannot run (no worker polling, a
   * workflow task that keeps failing) holds its request — and its Idempotency-Key — for as long as the client waits.
   */
  @Transform(toInteger)
  @IsInt({ message: 'TEMPORAL_STEP_TIMEOUT_MS must be an integer' })
  @Min(1000, { message: 'TEMPORAL_STEP_TIMEOUT_MS must be 1000 or more' })
  TEMPORAL_STEP_TIMEOUT_MS = 30_000;

  /**
   * Where the province's lab and inspection agency are told by webhook (signed POST) that a step needs them; unset,
   * they find the work in their in-app inbox. Read by the API when it starts a journey.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'LAB_WEBHOOK_URL must be an http:// or https:// URL' })
  LAB_WEBHOOK_URL?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'INSPECTOR_WEBHOOK_URL must be an http:// or https:// URL' })
  INSPECTOR_WEBHOOK_URL?: string;

  /**
   * How long a notification claimed by a dispatcher stays reserved to it (default 15 min): should the worker die
   * mid-delivery, the row is tried again after this, by any worker. Must exceed the time one round can take.
   */
  @Transform(toInteger)
  @IsInt({ message: 'NOTIFICATION_CLAIM_LEASE_SECONDS must be an integer' })
  @Min(5, { message: 'NOTIFICATION_CLAIM_LEASE_SECONDS must be at least 5' })
  NOTIFICATION_CLAIM_LEASE_SECONDS = 900;

  /** The worker's Prometheus endpoint (`/metrics`); 0 turns it off. The API serves /metrics on PORT. */
  @Transform(toInteger)
  @IsInt({ message: 'METRICS_PORT must be an integer' })
  @Min(0, { message: 'METRICS_PORT must be between 0 and 65535' })
  @Max(65535, { message: 'METRICS_PORT must be between 0 and 65535' })
  METRICS_PORT = 9464;

  /**
   * Tracing (OpenTelemetry) on: the OTLP/HTTP collector spans are exported to (`/v1/traces` is appended). Read by
   * the exporter itself at start, with the other standard `OTEL_*` variables; checked here so a typo stops the boot.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http:// or https:// URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** HMAC key that signs access tokens (HS256); validateEnvironment refuses the default when NODE_ENV=production. */
  @IsString()
  @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' })
  JWT_SECRET = DEV_JWT_SECRET;

  /** How long an access token lasts, in seconds (default 8 hours: a working day). */
  @Transform(toInteger)
  @IsInt({ message: 'JWT_TTL_SECONDS must be an integer' })
  @Min(60, { message: 'JWT_TTL_SECONDS must be at least 60' })
  JWT_TTL_SECONDS = 8 * 3600;

  /** Serve the OpenAPI docs at /docs. Default: on, except when NODE_ENV=production. */
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean({ message: 'DOCS_ENABLED must be true or false' })
  DOCS_ENABLED?: boolean;

  /** Failed logins of one account (in a row) answered at once; after these each next try waits a growing delay. */
  @Transform(toInteger)
  @IsInt({ message: 'LOGIN_DELAY_AFTER must be an integer' })
  @Min(1, { message: 'LOGIN_DELAY_AFTER must be at least 1' })
  LOGIN_DELAY_AFTER = 5;

  /** Failed logins of one account (in a row) that lock it for LOGIN_LOCK_SECONDS; its owner is told. */
  @Transform(toInteger)
  @IsInt({ message: 'LOGIN_LOCK_AFTER must be an integer' })
  @Min(2, { message: 'LOGIN_LOCK_AFTER must be at least 2' })
  LOGIN_LOCK_AFTER = 10;

  /** How long a locked account stays locked, and how long failed logins are remembered. */
  @Transform(toInteger)
  @IsInt({ message: 'LOGIN_LOCK_SECONDS must be an integer' })
  @Min(1, { message: 'LOGIN_LOCK_SECONDS must be at least 1' })
  LOGIN_LOCK_SECONDS = 15 * 60;

  /** The first delay after LOGIN_DELAY_AFTER failures; it doubles with each further failure. */
  @Transform(toInteger)
  @IsInt({ message: 'LOGIN_FIRST_DELAY_MS must be an integer' })
  @Min(1, { message: 'LOGIN_FIRST_DELAY_MS must be at least 1' })
  LOGIN_FIRST_DELAY_MS = 1000;

  /** Failed logins from one client address (any accounts, within LOGIN_LOCK_SECONDS) before its delays start. */
  @Transform(toInteger)
  @IsInt({ message: 'LOGIN_ADDRESS_DELAY_AFTER must be an integer' })
  @Min(1, { message: 'LOGIN_ADDRESS_DELAY_AFTER must be at least 1' })
  LOGIN_ADDRESS_DELAY_AFTER = 20;

  /** Public certificate checks (GET /public/certificates/:no, /verify/:no) per client address and minute. */
  @Transform(toInteger)
  @IsInt({ message: 'CERTIFICATE_CHECKS_PER_MINUTE must be an integer' })
  @Min(1, { message: 'CERTIFICATE_CHECKS_PER_MINUTE must be at least 1' })
  CERTIFICATE_CHECKS_PER_MINUTE = 60;

  /** Where the embedded document store keeps files (content-addressed by SHA-256), when no S3 bucket is set. */
  @IsString()
  @MinLength(1)
  DOCUMENTS_DIR = '.data/documents';

  /** Largest single document, in MB. */
  @Transform(toInteger)
  @IsInt({ message: 'DOCUMENTS_MAX_FILE_MB must be an integer' })
  @Min(1, { message: 'DOCUMENTS_MAX_FILE_MB must be at least 1' })
  DOCUMENTS_MAX_FILE_MB = 25;

  /** Largest total of one product's documents, in MB. */
  @Transform(toInteger)
  @IsInt({ message: 'DOCUMENTS_MAX_DOSSIER_MB must be an integer' })
  @Min(1, { message: 'DOCUMENTS_MAX_DOSSIER_MB must be at least 1' })
  DOCUMENTS_MAX_DOSSIER_MB = 300;

  /** How long a download link (presigned S3 URL or the API's own signed link) stays valid, in seconds. */
  @Transform(toInteger)
  @IsInt({ message: 'DOCUMENTS_LINK_TTL_SECONDS must be an integer' })
  @Min(10, { message: 'DOCUMENTS_LINK_TTL_SECONDS must be at least 10' })
  @Max(7 * 24 * 3600, { message: 'DOCUMENTS_LINK_TTL_SECONDS must be at most 604800 (S3’s limit)' })
  DOCUMENTS_LINK_TTL_SECONDS = 300;

  /** An S3 bucket for documents (a province's or the nation's store); set, it replaces DOCUMENTS_DIR. */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'DOCUMENTS_S3_BUCKET must be a valid S3 bucket name' })
  DOCUMENTS_S3_BUCKET?: string;

  /** S3-compatible endpoint (SeaweedFS, MinIO, a provider's); unset: AWS. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'DOCUMENTS_S3_ENDPOINT must be an http:// or https:// URL' })
  DOCUMENTS_S3_ENDPOINT?: string;

  @IsString()
  DOCUMENTS_S3_REGION = 'us-east-1';

  @IsOptional()
  @IsString()
  DOCUMENTS_S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  DOCUMENTS_S3_SECRET_ACCESS_KEY?: string;

  /** Path-style URLs (http://host/bucket/key), as most S3-compatible servers want; default on with an endpoint. */
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean({ message: 'DOCUMENTS_S3_FORCE_PATH_STYLE must be true or false' })
  DOCUMENTS_S3_FORCE_PATH_STYLE?: boolean;
}

export const ENVIRONMENT_VARIABLES = [
  'NODE_ENV',
  'DATABASE_URL',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_TASK_QUEUE',
  'TEMPORAL_TLS',
  'TEMPORAL_API_KEY',
  'TEMPORAL_TLS_CERT_PATH',
  'TEMPORAL_TLS_KEY_PATH',
  'TEMPORAL_TLS_CA_PATH',
  'TEMPORAL_TLS_SERVER_NAME',
  'PORT',
  'LOG_LEVEL',
  'SMTP_URL',
  'SMTP_FROM',
  'WEBHOOK_SECRET',
  'PUBLIC_BASE_URL',
  'JWT_SECRET',
  'JWT_TTL_SECONDS',
  'WORKER_MAX_CACHED_WORKFLOWS',
  'TEMPORAL_STEP_TIMEOUT_MS',
  'DOCS_ENABLED',
  'LOGIN_DELAY_AFTER',
  'LOGIN_LOCK_AFTER',
  'LOGIN_LOCK_SECONDS',
  'LOGIN_FIRST_DELAY_MS',
  'LOGIN_ADDRESS_DELAY_AFTER',
  'CERTIFICATE_CHECKS_PER_MINUTE',
  'METRICS_PORT',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'LAB_WEBHOOK_URL',
  'INSPECTOR_WEBHOOK_URL',
  'NOTIFICATION_CLAIM_LEASE_SECONDS',
  'DOCUMENTS_DIR',
  'DOCUMENTS_MAX_FILE_MB',
  'DOCUMENTS_MAX_DOSSIER_MB',
  'DOCUMENTS_LINK_TTL_SECONDS',
  'DOCUMENTS_S3_BUCKET',
  'DOCUMENTS_S3_ENDPOINT',
  'DOCUMENTS_S3_REGION',
  'DOCUMENTS_S3_ACCESS_KEY_ID',
  'DOCUMENTS_S3_SECRET_ACCESS_KEY',
  'DOCUMENTS_S3_FORCE_PATH_STYLE',
] as const satisfies readonly (keyof Environment)[];

export class ConfigError extends Error {
  constructor(readonly problems: readonly { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; throws ConfigError naming every bad variable. Unknown variables are ignored. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const relevant = Object.fromEntries(
    Object.entries(raw).filter(
      ([key, value]) => (ENVIRONMENT_VARIABLES as readonly string[]).includes(key) && value !== '' && value !== undefined,
    ),
  );
  const env = plainToInstance(Environment, relevant, { exposeDefaultValues: true });
  const problems = validateSync(env, { forbidUnknownValues: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => ({ variable: error.property, message: stripName(error.property, message) })),
  );
  for (const key of ['TEMPORAL_TLS_CERT_PATH', 'TEMPORAL_TLS_KEY_PATH', 'TEMPORAL_TLS_CA_PATH'] as const) {
    const file = env[key];
    if (file && !existsSync(file)) problems.push({ variable: key, message: `file ${file} does not exist` });
  }
  if (Boolean(env.TEMPORAL_TLS_CERT_PATH) !== Boolean(env.TEMPORAL_TLS_KEY_PATH)) {
    problems.push({
      variable: 'TEMPORAL_TLS_KEY_PATH',
      message: 'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH go together (mTLS needs both)',
    });
  }
  if (env.NODE_ENV === 'production' && env.WEBHOOK_SECRET === DEV_WEBHOOK_SECRET) {
    problems.push({ variable: 'WEBHOOK_SECRET', message: 'must be set in production (the built-in default is for development only)' });
  }
  if (env.NODE_ENV === 'production' && env.JWT_SECRET === DEV_JWT_SECRET) {
    problems.push({ variable: 'JWT_SECRET', message: 'must be set in production (the built-in default is for development only)' });
  }
  if (!env.PUBLIC_BASE_URL) env.PUBLIC_BASE_URL = `http://localhost:${env.PORT}`;
  if (Boolean(env.DOCUMENTS_S3_ACCESS_KEY_ID) !== Boolean(env.DOCUMENTS_S3_SECRET_ACCESS_KEY)) {
    problems.push({
      variable: 'DOCUMENTS_S3_SECRET_ACCESS_KEY',
      message: 'DOCUMENTS_S3_ACCESS_KEY_ID and DOCUMENTS_S3_SECRET_ACCESS_KEY go together',
    });
  }
  const unique = problems.filter((p, i) => problems.findIndex((q) => q.variable === p.variable && q.message === p.message) === i);
  if (unique.length > 0) throw new ConfigError(unique);
  return env;
}

function stripName(variable: string, message: string): string {
  return message.startsWith(`${variable} `) ? message.slice(variable.length + 1) : message;
}
