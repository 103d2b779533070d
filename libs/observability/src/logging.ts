import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { traceLogFields } from './tracing';

export const REQUEST_ID_HEADER = 'x-request-id';
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Paths pino blanks in every log line: credentials in headers and bodies, and anything a database error might
 * carry (its parameters: a password hash, an API key's hash).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.password_hash',
  '*.key_hash',
  '*.keyHash',
  '*.accessToken',
  '*.token',
  '*.apiKey',
  '*.parameters',
  '*.driverError',
  'err.parameters',
  'err.query',
];

/** The request id: the caller's `X-Request-Id` when it is a sane token, else a new UUID; echoed in the response. */
export function requestIdOf(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && VALID_REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

const LEVELS: Record<string, string> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/**
 * JSON logs (pino) for the API and the worker: one object per line with `time`, `level`, `context`, `msg`; for the
 * API, `reqId` on every line logged while a request is handled; with tracing on, `traceId` and `spanId` on every line
 * logged inside a span (a request, an activity).
 */
export function pinoParams(options: { level: string; app: 'api' | 'worker' }): Params {
  const traceFields = traceLogFields();
  return {
    pinoHttp: {
      level: LEVELS[options.level] ?? 'info',
      ...(traceFields ? { mixin: traceFields } : {}),
      base: { app: options.app, pid: process.pid },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: requestIdOf,
      // Health checks and scrapes every few seconds would drown the requests that matter.
      autoLogging: { ignore: (request) => ['/health', '/metrics'].includes((request.url ?? '').split('?')[0] ?? '') },
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: request.url }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
    },
  };
}
