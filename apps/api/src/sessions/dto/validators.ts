import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/** An ISO date-time that lies in the future when the request is validated. */
export function IsFutureDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isFutureDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must lie in the future`, ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && Date.parse(value) > Date.now(),
      },
    });
}

/** The value is one of the values of another (array) property of the same object. */
export function IsOneOfProperty(property: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isOneOf',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [property],
      options: { message: `${String(propertyName)} must be one of ${property}`, ...options },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const list = (args.object as Record<string, unknown>)[args.constraints[0] as string];
          return Array.isArray(list) && list.includes(value);
        },
      },
    });
}
