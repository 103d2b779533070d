import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
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

/** Validates DTOs at the edge: unknown fields are refused, and every broken rule is named with its field. */
export function ocopValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) =>
      new BadRequestException({ statusCode: 400, code: 'VALIDATION_FAILED', message: ERROR_CODES.VALIDATION_FAILED, errors: flatten(errors) }),
  });
}

/** A 400 naming one field and the rule it broke, in the same shape as DTO validation failures. */
export function fieldRuleViolation(field: string, rule: string, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, code: 'VALIDATION_FAILED', message: ERROR_CODES.VALIDATION_FAILED, errors: [{ field, rule, message }] });
}
