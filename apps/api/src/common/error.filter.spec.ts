import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ERROR_CODES, ErrorCode, OcopError } from '@ocop/domain';
import { toErrorBody } from './error.filter';

describe('toErrorBody', () => {
  it.each([
    ['UNKNOWN_DISTRICT', 422],
    ['UNKNOWN_PRODUCT_GROUP', 422],
    ['UNKNOWN_ORGANISATION', 422],
    ['UNKNOWN_CERTIFICATE', 422],
    ['PRODUCT_NOT_FOUND', 404],
    ['IDEMPOTENCY_IN_PROGRESS', 409],
    ['EVENT_SEQUENCE_CONFLICT', 409],
    ['WORKFLOW_UNAVAILABLE', 503],
    ['CYCLE_NOT_OPEN', 409],
    ['SESSION_NOT_STARTED', 409],
  ] as [ErrorCode, number][])('maps %s to %p with both languages', (code, status) => {
    const body = toErrorBody(new OcopError(code, { field: 'x' }));
    expect(body).toEqual({ statusCode: status, code, message: ERROR_CODES[code], details: { field: 'x' } });
  });

  it('keeps a validation body that already has our shape', () => {
    const shaped = {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: ERROR_CODES.VALIDATION_FAILED,
      errors: [{ field: 'name', rule: 'isString', message: 'm' }],
    };
    expect(toErrorBody(new BadRequestException(shaped))).toEqual(shaped);
  });

  it('gives framework 4xx errors our shape without turning them into 5xx', () => {
    expect(toErrorBody(new BadRequestException('Unexpected token'))).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(toErrorBody(new NotFoundException('Cannot GET /nope'))).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('hides the details of unexpected errors', () => {
    expect(toErrorBody(new Error('connection string with a password'))).toEqual({
      statusCode: 500,
      code: 'INTERNAL',
      message: ERROR_CODES.INTERNAL,
    });
  });
});
