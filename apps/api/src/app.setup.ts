import { INestApplication } from '@nestjs/common';
import compression from 'compression';
import { constants as zlib } from 'node:zlib';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@ocop/config';
import { hardenHttp } from './common/http-hardening';
import { Logger } from 'nestjs-pino';
import { httpMetricsMiddleware, httpTracingMiddleware, tracingEnabled } from '@ocop/observability';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_HEADER } from './auth/auth.service';
import { OcopErrorFilter } from './common/error.filter';
import { ocopValidationPipe } from './common/validation.pipe';
import { serveWebApp } from './web-app';

/** Everything main.ts applies to the app, shared with the end-to-end tests so they test the same thing. */
export function configureApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  // First, so the request's span holds everything after it (OTEL_EXPORTER_OTLP_ENDPOINT set; else not loaded).
  if (tracingEnabled()) app.use(httpTracingMiddleware());
  app.use(httpMetricsMiddleware);
  app.useGlobalPipes(ocopValidationPipe());
  app.useGlobalFilters(new OcopErrorFilter());
  app.enableShutdownHooks();
  // Brotli (else gzip) for every response worth it — the web app's scripts and the API's JSON on a provincial 3G
  // phone. Quality 5: most of brotli's gain at a fraction of its top setting's CPU.
  app.use(compression({ brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } } }));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('OCOP Flow API')
      .setDescription(
        'Chu trình OCOP (Mỗi xã một sản phẩm) — the OCOP cycle as durable workflows. Log in with `POST /auth/login` and send ' +
          '`Authorization: Bearer <token>`, or an agency API key as `X-Api-Key`. Every operation states who may call it (**Access**). ' +
          'Errors carry a stable `code` and a message in Vietnamese and English. Every POST accepts an `Idempotency-Key`.',
      )
      .setVersion('0.2.0')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: API_KEY_HEADER }, 'api-key')
      .build(),
  );
  documentCommonErrors(document);
  hardenHttp(app, document);
  serveWebApp(app);
  if (docsEnabled(app)) SwaggerModule.setup('docs', app, stateAccessRules(document), { jsonDocumentUrl: 'docs/openapi.json' });
}

/** /docs is for developers: off in production unless DOCS_ENABLED=true says otherwise. */
export function docsEnabled(app: INestApplication): boolean {
  const config = app.get(ConfigService<Environment, true>);
  return config.get('DOCS_ENABLED', { infer: true }) ?? config.get('NODE_ENV', { infer: true }) !== 'production';
}

const ERROR_CONTENT = { 'application/json': { schema: { $ref: '#/components/schemas/ApiErrorBody' } } };
const RETRY_AFTER = { 'Retry-After': { description: 'seconds to wait before retrying', schema: { type: 'integer' } } };

/**
 * The answers any operation of a kind can give, whatever its own decorators say: 400 for a parameter or body that
 * breaks a rule; 503 with Retry-After when PostgreSQL or Temporal does not answer; on a path with ids, 404; on every
 * POST, 404 for an id in the body, 409 IDEMPOTENCY_IN_PROGRESS, 413 for a body over the limit, 422
 * IDEMPOTENCY_KEY_REUSED. Added where an operation does not describe the status itself, so the document lists every
 * status a client can meet.
 */
function documentCommonErrors(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, { responses?: Record<string, unknown> }][]) {
      if (method !== 'get' && method !== 'post' && method !== 'delete') continue;
      const responses = (operation.responses ??= {});
      const add = (status: number, description: string, headers?: object) => {
        responses[status] ??= { description, content: ERROR_CONTENT, ...(headers ? { headers } : {}) };
      };
      add(400, 'VALIDATION_FAILED: a parameter, header or the body broke a rule; `errors` names each field and rule');
      if (path.includes('{') || method === 'post')
        add(404, 'NOT_FOUND: an id in the path or body names nothing (or nothing the caller may see)');
      if (method === 'delete') add(409, 'a state conflict (e.g. the dossier was already submitted)');
      if (method === 'post') {
        add(409, 'IDEMPOTENCY_IN_PROGRESS (a request with this Idempotency-Key is still running), or a state conflict');
        add(413, 'PAYLOAD_TOO_LARGE: the body is over 100 kB');
        add(422, 'IDEMPOTENCY_KEY_REUSED (the key was used with another body), or an unknown reference');
      }
      add(
        503,
        'DATABASE_UNAVAILABLE or WORKFLOW_UNAVAILABLE: PostgreSQL or Temporal does not answer; retry after Retry-After seconds',
        RETRY_AFTER,
      );
    }
  }
}

/** Writes each operation's role rule (from @Access / @Public) into its description, where readers look. */
function stateAccessRules(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      const access = (operation as { 'x-ocop-access'?: { rule: string } })['x-ocop-access'];
      if (!access || typeof operation !== 'object') continue;
      const op = operation as { description?: string };
      op.description = `${op.description ? `${op.description}\n\n` : ''}**Access:** ${access.rule}.`;
    }
  }
  return document;
}
