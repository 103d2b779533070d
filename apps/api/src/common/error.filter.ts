import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ERROR_CODES, ErrorCode, OcopError } from '@ocop/domain';
import { ApiErrorBody } from './api-error';
import { isDatabaseUnavailable, RETRY_AFTER_OUTAGE_SECONDS } from './outages';

/** Where each business error code lands in HTTP. One table, so the same code always means the same status. */
const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  UNKNOWN_DISTRICT: HttpStatus.UNPROCESSABLE_ENTITY,
  UNKNOWN_PRODUCT_GROUP: HttpStatus.UNPROCESSABLE_ENTITY,
  UNKNOWN_ORGANISATION: HttpStatus.UNPROCESSABLE_ENTITY,
  UNKNOWN_CERTIFICATE: HttpStatus.UNPROCESSABLE_ENTITY,
  CYCLE_YEAR_OUT_OF_RANGE: HttpStatus.UNPROCESSABLE_ENTITY,
  PRODUCT_NOT_FOUND: HttpStatus.NOT_FOUND,
  SCORE_OUT_OF_RANGE: HttpStatus.BAD_REQUEST,
  WRONG_STAGE: HttpStatus.CONFLICT,
  WRONG_ACTOR: HttpStatus.FORBIDDEN,
  DEADLINE_PASSED: HttpStatus.CONFLICT,
  SESSION_CLOSED: HttpStatus.CONFLICT,
  NO_QUORUM: HttpStatus.CONFLICT,
  SPREAD_EXCEEDED: HttpStatus.CONFLICT,
  NOT_A_MEMBER: HttpStatus.FORBIDDEN,
  DATE_IN_PAST: HttpStatus.CONFLICT,
  WINDOWS_OUT_OF_ORDER: HttpStatus.CONFLICT,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  INVALID_CREDENTIALS: HttpStatus.UNAUTHORIZED,
  ACCESS_DENIED: HttpStatus.FORBIDDEN,
  ALREADY_EXISTS: HttpStatus.CONFLICT,
  CYCLE_NOT_OPEN: HttpStatus.CONFLICT,
  SESSION_NOT_STARTED: HttpStatus.CONFLICT,
  IDEMPOTENCY_KEY_REUSED: HttpStatus.UNPROCESSABLE_ENTITY,
  IDEMPOTENCY_IN_PROGRESS: HttpStatus.CONFLICT,
  EVENT_CONFLICT: HttpStatus.CONFLICT,
  EVENT_SEQUENCE_CONFLICT: HttpStatus.CONFLICT,
  WORKFLOW_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  DATABASE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
  LOGIN_THROTTLED: HttpStatus.TOO_MANY_REQUESTS,
  ACCOUNT_LOCKED: HttpStatus.TOO_MANY_REQUESTS,
  METHOD_NOT_ALLOWED: HttpStatus.METHOD_NOT_ALLOWED,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  DOSSIER_INCOMPLETE: HttpStatus.CONFLICT,
  FILE_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  DOSSIER_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_FILE_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR,
};

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'ACCESS_DENIED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
};

/** An error raised by Express's body parsers (http-errors): a client's fault with its own 4xx status. */
function bodyParserStatus(exception: unknown): number | undefined {
  if (!exception || typeof exception !== 'object' || exception instanceof HttpException) return undefined;
  const { status, type, expose } = exception as { status?: unknown; type?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && typeof type === 'string' && expose === true ? status : undefined;
}

export function toErrorBody(exception: unknown): ApiErrorBody {
  if (isDatabaseUnavailable(exception))
    return toErrorBody(new OcopError('DATABASE_UNAVAILABLE', { retryAfterSeconds: RETRY_AFTER_OUTAGE_SECONDS }));
  const parserStatus = bodyParserStatus(exception);
  if (parserStatus !== undefined) {
    const code = CODE_BY_STATUS[parserStatus] ?? 'VALIDATION_FAILED';
    const text = (exception as Error).message;
    return {
      statusCode: parserStatus === 413 ? 413 : 400,
      code: parserStatus === 413 ? code : 'VALIDATION_FAILED',
      message: { vi: ERROR_CODES[parserStatus === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED'].vi, en: text },
      errors: [{ field: 'body', rule: parserStatus === 413 ? 'maxSize' : String((exception as { type: string }).type), message: text }],
    };
  }
  if (exception instanceof OcopError) {
    return {
      statusCode: STATUS_BY_CODE[exception.code],
      code: exception.code,
      message: { vi: exception.vi, en: exception.en },
      details: exception.details,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (typeof response === 'object' && response && 'code' in response) return response as ApiErrorBody;
    const code = CODE_BY_STATUS[status] ?? 'INTERNAL';
    const text = typeof response === 'string' ? response : ((response as { message?: string }).message ?? exception.message);
    // Malformed JSON and similar framework-level 4xx keep their status with our shape.
    return {
      statusCode: status,
      code: status < 500 ? (code === 'INTERNAL' ? 'VALIDATION_FAILED' : code) : 'INTERNAL',
      message: { vi: ERROR_CODES[code].vi, en: String(text) },
    };
  }
  return { statusCode: 500, code: 'INTERNAL', message: ERROR_CODES.INTERNAL };
}

@Catch()
export class OcopErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    const response = host.switchToHttp().getResponse<Response>();
    const retryAfter = body.details?.['retryAfterSeconds'] ?? (body.statusCode === 503 ? RETRY_AFTER_OUTAGE_SECONDS : undefined);
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    response.status(body.statusCode).json(body);
  }
}
