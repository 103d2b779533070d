import { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
// The schema itself, not '@ocop/config' (whose index also declares the app's ConfigModule, validating process.env).
import { ConfigError, DEV_WEBHOOK_SECRET, Environment, validateEnvironment } from '../../config/src/environment';
import { DEFAULT_SMTP_FROM, dispatcherOptionsFromConfig, NotificationDispatcher } from './notification-dispatcher';

const DATABASE_URL = 'postgres://u:p@localhost:5432/db';

function problemsOf(env: Record<string, string>): string[] {
  try {
    validateEnvironment({ DATABASE_URL, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => p.variable);
  }
  return [];
}

describe('notification settings in the environment', () => {
  it('has no SMTP server by default, and a development webhook secret', () => {
    const env = validateEnvironment({ DATABASE_URL });
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.SMTP_FROM).toBeUndefined();
    expect(env.WEBHOOK_SECRET).toBe(DEV_WEBHOOK_SECRET);
  });

  it.each([
    [{ SMTP_URL: 'smtp://127.0.0.1:1025' }, []],
    [{ SMTP_URL: 'smtps://user:pass@mail.example.vn:465' }, []],
    [{ SMTP_URL: 'http://mail.example.vn' }, ['SMTP_URL']],
    [{ SMTP_URL: '127.0.0.1:1025' }, ['SMTP_URL']],
    [{ SMTP_FROM: 'Sở NN&PTNT <ocop@example.vn>' }, []],
    [{ WEBHOOK_SECRET: 'sixteen-chars-ok' }, []],
    [{ WEBHOOK_SECRET: 'too-short' }, ['WEBHOOK_SECRET']],
    [{ NODE_ENV: 'production', JWT_SECRET: 'a-real-production-jwt-key' }, ['WEBHOOK_SECRET']],
    [{ NODE_ENV: 'production', WEBHOOK_SECRET: 'a-real-production-secret' }, ['JWT_SECRET']],
    [{ NODE_ENV: 'production', WEBHOOK_SECRET: 'a-real-production-secret', JWT_SECRET: 'a-real-production-jwt-key' }, []],
    [{ JWT_SECRET: 'short' }, ['JWT_SECRET']],
    [{ JWT_TTL_SECONDS: '30' }, ['JWT_TTL_SECONDS']],
    [{ NODE_ENV: 'test' }, []],
  ])('%p → problems with %p', (env, problems) => {
    expect(problemsOf(env)).toEqual(problems);
  });

  it('reaches the dispatcher through ConfigService', () => {
    const env = validateEnvironment({
      DATABASE_URL,
      SMTP_URL: 'smtp://127.0.0.1:1025',
      WEBHOOK_SECRET: 'sixteen-chars-ok',
      NOTIFICATION_CLAIM_LEASE_SECONDS: '20',
    });
    const config = new ConfigService<Environment, true>({ ...env });
    expect(dispatcherOptionsFromConfig(config)).toEqual({
      smtpUrl: 'smtp://127.0.0.1:1025',
      smtpFrom: undefined,
      webhookSecret: 'sixteen-chars-ok',
      claimLeaseMs: 20_000,
    });
    expect(DEFAULT_SMTP_FROM).toBe('OCOP Flow <no-reply@ocop.local>');
  });
});

describe('NotificationDispatcher options', () => {
  const db = {} as DataSource;
  it.each([
    [{ webhookSecret: 'short' }, /webhookSecret/],
    [{ webhookSecret: 'sixteen-chars-ok', smtpUrl: 'mail.example.vn:25' }, /smtpUrl/],
    [{ webhookSecret: 'sixteen-chars-ok', retry: { maxAttempts: 0 } }, /maxAttempts/],
    [{ webhookSecret: 'sixteen-chars-ok', webhookTimeoutMs: 0 }, /webhookTimeoutMs/],
    [{ webhookSecret: 'sixteen-chars-ok', concurrency: -1 }, /concurrency/],
  ])('refuses %p', (options, message) => {
    expect(() => new NotificationDispatcher(db, options)).toThrow(message);
  });

  it('accepts the defaults', () => {
    expect(new NotificationDispatcher(db, { webhookSecret: DEV_WEBHOOK_SECRET, smtpUrl: 'smtp://127.0.0.1:1025' })).toBeInstanceOf(
      NotificationDispatcher,
    );
  });
});
