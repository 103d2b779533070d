import { PayloadTooLargeException, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { json, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { ERROR_CODES } from '@ocop/domain';
import { fieldRuleViolation } from './validation.pipe';

/** The largest JSON body the API reads (bigger: 413 PAYLOAD_TOO_LARGE, before parsing). */
export const MAX_BODY_BYTES = 100 * 1024;
/** The deepest nesting of objects and arrays a JSON body may have (deeper: 400, before parsing). */
export const MAX_BODY_DEPTH = 32;

/**
 * Whether a JSON text nests objects/arrays deeper than `max`, by one pass over its bytes (brackets inside strings
 * do not count). Run before JSON.parse: a body nested thousands deep would otherwise overflow the validator's stack.
 */
export function jsonNestsDeeperThan(body: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const byte of body) {
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === 0x5c) escaped = true;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      depth += 1;
      if (depth > max) return true;
    } else if (byte === 0x7d || byte === 0x5d) depth -= 1;
  }
  return false;
}

/**
 * Security headers on every response (helmet): a Content-Security-Policy the web app lives within (its own scripts
 * only, no inline script; inline styles for ECharts and Swagger UI), frame-ancestors 'none', nosniff, a strict
 * referrer policy, no X-Powered-By. Then the body limits, and 405 for methods a path does not serve.
 */
export function hardenHttp(app: INestApplication, document: OpenAPIObject): void {
  (app as NestExpressApplication).disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          workerSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      frameguard: { action: 'deny' },
    }),
  );
  app.use(methodNotAllowed(document));
  // Named jsonParser and registered first, so Nest leaves JSON to it; its errors become our coded 4xx here, naming
  // the body and the rule, before Nest could take a parse error for anything else.
  const parse = json({
    limit: MAX_BODY_BYTES,
    verify: (_request, _response, body) => {
      if (jsonNestsDeeperThan(body, MAX_BODY_DEPTH))
        throw new BodyRefused('maxDepth', `body must not nest objects or arrays more than ${MAX_BODY_DEPTH} deep`);
    },
  });
  app.use(function jsonParser(request: Request, response: Response, next: NextFunction) {
    parse(request, response, (error?: unknown) => next(error === undefined ? undefined : bodyError(error)));
  });
}

class BodyRefused extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
  }
}

/** What the body parser refused, as a 4xx naming the body and the rule (size: 413; anything else: 400). */
function bodyError(error: unknown): unknown {
  if (error instanceof BodyRefused) return fieldRuleViolation('body', error.rule, error.message);
  const { type, message } = (error ?? {}) as { type?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : 'the body could not be read';
  if (type === 'entity.too.large') {
    return new PayloadTooLargeException({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: ERROR_CODES.PAYLOAD_TOO_LARGE,
      errors: [{ field: 'body', rule: 'maxSize', message: `body must be at most ${MAX_BODY_BYTES / 1024} kB` }],
    });
  }
  if (type === 'entity.parse.failed') return fieldRuleViolation('body', 'isJson', `body must be JSON: ${text}`);
  if (typeof type === 'string') return fieldRuleViolation('body', type.replace(/^entity\.|\.unsupported$/g, ''), text);
  return error;
}

/**
 * 405 with `Allow` for a method a path does not serve: any method but GET, HEAD and POST anywhere (TRACE, PUT, …),
 * and GET or POST on a documented path that has only the other. Built from the OpenAPI document, so it always
 * agrees with the routes.
 */
function methodNotAllowed(document: OpenAPIObject): (request: Request, response: Response, next: NextFunction) => void {
  const routes = Object.entries(document.paths).map(([template, item]) => ({
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
    methods: ['get', 'post'].filter((m) => m in item).map((m) => m.toUpperCase()),
  }));
  return (request, response, next) => {
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const route = routes.find((r) => r.pattern.test(request.path));
    const allowed = route ? route.methods : ['GET', 'POST'];
    if ((method === 'GET' || method === 'POST') && (!route || allowed.includes(method))) return next();
    const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])].join(', ');
    response
      .status(405)
      .setHeader('Allow', allow)
      .json({
        statusCode: 405,
        code: 'METHOD_NOT_ALLOWED',
        message: ERROR_CODES.METHOD_NOT_ALLOWED,
        details: { method: request.method, allow },
      });
  };
}
