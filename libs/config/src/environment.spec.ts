import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, validateEnvironment } from './environment';

const valid = { DATABASE_URL: 'postgres://u:p@localhost:5432/db' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    validateEnvironment(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => p.variable);
  }
  throw new Error('expected the environment to be refused');
}

describe('validateEnvironment', () => {
  it('fills defaults for everything but the database', () => {
    const env = validateEnvironment(valid);
    expect(env).toMatchObject({
      TEMPORAL_ADDRESS: 'localhost:7233',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'ocop-flow',
      PORT: 3000,
      NODE_ENV: 'development',
    });
  });

  it('takes an OTLP endpoint for tracing only as an http(s) URL', () => {
    expect(validateEnvironment({ ...valid, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318' }).OTEL_EXPORTER_OTLP_ENDPOINT).toBe(
      'http://otel-collector:4318',
    );
    expect(validateEnvironment(valid).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(problemsOf({ ...valid, OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector:4318' })).toEqual(['OTEL_EXPORTER_OTLP_ENDPOINT']);
  });

  it('points certificate QR codes at the moved PORT when PUBLIC_BASE_URL is unset, and at PUBLIC_BASE_URL when set', () => {
    expect(validateEnvironment(valid).PUBLIC_BASE_URL).toBe('http://localhost:3000');
    expect(validateEnvironment({ ...valid, PORT: '3107' }).PUBLIC_BASE_URL).toBe('http://localhost:3107');
    expect(validateEnvironment({ ...valid, PORT: '3107', PUBLIC_BASE_URL: 'https://ocop.laocai.gov.vn' }).PUBLIC_BASE_URL).toBe(
      'https://ocop.laocai.gov.vn',
    );
    expect(problemsOf({ ...valid, PUBLIC_BASE_URL: 'ocop.laocai.gov.vn' })).toEqual(['PUBLIC_BASE_URL']);
  });

  it('reads numbers and booleans from strings', () => {
    const env = validateEnvironment({ ...valid, PORT: '8080', TEMPORAL_TLS: 'true', TEMPORAL_API_KEY: 'k' });
    expect(env.PORT).toBe(8080);
    expect(env.TEMPORAL_TLS).toBe(true);
  });

  it.each([
    [{}, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ ...valid, TEMPORAL_ADDRESS: 'localhost' }, 'TEMPORAL_ADDRESS'],
    [{ ...valid, TEMPORAL_ADDRESS: 'http://localhost:7233' }, 'TEMPORAL_ADDRESS'],
    [{ ...valid, TEMPORAL_NAMESPACE: 'has space' }, 'TEMPORAL_NAMESPACE'],
    [{ ...valid, PORT: '70000' }, 'PORT'],
    [{ ...valid, PORT: 'eighty' }, 'PORT'],
    [{ ...valid, TEMPORAL_TLS: 'yes' }, 'TEMPORAL_TLS'],
    [{ ...valid, NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ ...valid, TEMPORAL_TLS_CA_PATH: '/no/such/ca.pem' }, 'TEMPORAL_TLS_CA_PATH'],
  ])('refuses %p, naming %s', (env, variable) => {
    expect(problemsOf(env as Record<string, string>)).toContain(variable);
  });

  it('names every bad variable at once, in a message a person can act on', () => {
    expect(() => validateEnvironment({ TEMPORAL_ADDRESS: 'nope', PORT: '0' })).toThrow(
      /Invalid configuration:\n {2}- DATABASE_URL: .*\n {2}- TEMPORAL_ADDRESS: must be host:port.*\n {2}- PORT: /s,
    );
  });

  it('wants an mTLS certificate and key together', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ocop-tls-'));
    const cert = path.join(dir, 'client.pem');
    writeFileSync(cert, 'x');
    expect(problemsOf({ ...valid, TEMPORAL_TLS_CERT_PATH: cert })).toEqual(['TEMPORAL_TLS_KEY_PATH']);
  });
});
