import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { passwordProblems, type PasswordRule } from '@ocop/identity';

/**
 * A finite number with at most `places` decimals. class-validator's own `maxDecimalPlaces` splits the number's text
 * at the dot and crashes on exponent forms (`1e-7`); this judges the value, whatever its written form.
 */
export function IsDecimal(places: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDecimal',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'number' || !Number.isFinite(value)) return false;
          const scaled = value * 10 ** places;
          return Math.abs(scaled - Math.round(scaled)) < 1e-6;
        },
      },
    });
}

/** One rule of the password policy (`passwordProblems` in @ocop/identity), named as its own constraint. */
export function PasswordRuleOf(rule: PasswordRule, usernameField = 'username'): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: rule,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          if (typeof value !== 'string') return true; // @IsString reports it
          const username = (args.object as Record<string, unknown>)[usernameField];
          return !passwordProblems(value, typeof username === 'string' ? username : undefined).some((p) => p.rule === rule);
        },
        defaultMessage: (args?: ValidationArguments) => {
          const username = (args?.object as Record<string, unknown> | undefined)?.[usernameField];
          return (
            passwordProblems(String(args?.value ?? ''), typeof username === 'string' ? username : undefined).find((p) => p.rule === rule)
              ?.message ?? rule
          );
        },
      },
    });
}
