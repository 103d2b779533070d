import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from '@temporalio/client';
import type { NativeConnectionOptions } from '@temporalio/worker';
import type { ConfigService } from '@nestjs/config';
import type { Environment } from '@ocop/config';

type TemporalEnvironment = Pick<
  Environment,
  | 'TEMPORAL_ADDRESS'
  | 'TEMPORAL_TLS'
  | 'TEMPORAL_API_KEY'
  | 'TEMPORAL_TLS_CERT_PATH'
  | 'TEMPORAL_TLS_KEY_PATH'
  | 'TEMPORAL_TLS_CA_PATH'
  | 'TEMPORAL_TLS_SERVER_NAME'
>;

/**
 * Connection settings for a local dev server, a self-hosted cluster (mTLS) or Temporal Cloud (API key, TLS).
 * An API key implies TLS unless TEMPORAL_TLS=false says otherwise.
 */
export function temporalConnectionOptions(env: TemporalEnvironment): ConnectionOptions & NativeConnectionOptions {
  const mtls =
    env.TEMPORAL_TLS_CERT_PATH && env.TEMPORAL_TLS_KEY_PATH
      ? { crt: readFileSync(env.TEMPORAL_TLS_CERT_PATH), key: readFileSync(env.TEMPORAL_TLS_KEY_PATH) }
      : undefined;
  const useTls = env.TEMPORAL_TLS ?? Boolean(env.TEMPORAL_API_KEY || mtls || env.TEMPORAL_TLS_CA_PATH);
  return {
    address: env.TEMPORAL_ADDRESS,
    tls: useTls
      ? {
          serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME,
          serverRootCACertificate: env.TEMPORAL_TLS_CA_PATH ? readFileSync(env.TEMPORAL_TLS_CA_PATH) : undefined,
          clientCertPair: mtls,
        }
      : false,
    apiKey: env.TEMPORAL_API_KEY,
  };
}

const TEMPORAL_KEYS = [
  'TEMPORAL_ADDRESS',
  'TEMPORAL_TLS',
  'TEMPORAL_API_KEY',
  'TEMPORAL_TLS_CERT_PATH',
  'TEMPORAL_TLS_KEY_PATH',
  'TEMPORAL_TLS_CA_PATH',
  'TEMPORAL_TLS_SERVER_NAME',
] as const satisfies readonly (keyof TemporalEnvironment)[];

export function temporalEnvironment(config: ConfigService<Environment, true>): TemporalEnvironment {
  return Object.fromEntries(TEMPORAL_KEYS.map((key) => [key, config.get(key, { infer: true })])) as unknown as TemporalEnvironment;
}
