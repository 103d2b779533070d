import { ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ERROR_CODES } from '@ocop/domain';
import { FieldError } from './api-error';

function flatten(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'notAllowed' : rule,
      message: rule === 'whitelistValidation' ? `${field} is not an allowed field` : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The path of the first own `__proto__` key in a parsed body or query (JSON.parse makes it an own key). */
function protoKeyIn(value: unknown, path = ''): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${key}` : key;
    if (key === '__proto__') return field;
    const inner = protoKeyIn((value as Record<string, unknown>)[key], field);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * Refuses `__proto__` like any other unknown field before class-transformer sees it: copied onto a DTO it would
 * set the instance's prototype instead of a field, and slip past the whitelist.
 */
class OcopValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const field = metadata.type === 'body' || metadata.type === 'query' ? protoKeyIn(value) : undefined;
    if (field) throw fieldRuleViolation(field, 'notAllowed', `${field} is not an allowed field`);
    return super.transform(value, metadata);
  }
}

/** Validates DTOs at the edge: unknown fields are refused, and every broken rule is named with its field. */
export function ocopValidationPipe(): ValidationPipe {
  return new OcopValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) =>
      new BadRequestException({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: ERROR_CODES.VALIDATION_FAILED,
        errors: flatten(errors),
      }),
  });
}

/** A 400 naming one field and the rule it broke, in the same shape as DTO validation failures. */
export function fieldRuleViolation(field: string, rule: string, message: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: ERROR_CODES.VALIDATION_FAILED,
    errors: [{ field, rule, message }],
  });
}
