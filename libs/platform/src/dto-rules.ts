import { applyDecorators } from '@nestjs/common';
import { ValidateBy, ValidateIf } from 'class-validator';

/**
 * An optional DTO field: it may be left out, but not sent as `null`. class-validator's
 * @IsOptional also lets `null` through, and the event contracts (zod `.optional()`) forbid it,
 * so a `null` would be stored and then refused by every consumer. The field's other
 * constraints run on `null` too.
 */
export const OptionalField = (): PropertyDecorator =>
  applyDecorators(
    ValidateIf((_object: object, value: unknown) => value !== undefined),
    ValidateBy({
      name: 'isNotNull',
      validator: {
        validate: (value: unknown) => value !== null,
        defaultMessage: (args) => `${args?.property} must not be null; leave the field out instead`,
      },
    }),
  );

/**
 * @MaxLength counted as the event contracts count: in UTF-16 code units (zod's `max`), which is
 * never less than the code points ajv counts. class-validator's @MaxLength counts a surrogate
 * pair or an emoji presentation sequence as one, so it let through text no contract accepts.
 * Same constraint name, so messages and Chinese labels stay those of @MaxLength.
 */
export const MaxTextLength = (max: number): PropertyDecorator =>
  ValidateBy({
    name: 'maxLength',
    constraints: [max],
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.length <= max,
      defaultMessage: (args) => `${args?.property} must be shorter than or equal to ${max} characters`,
    },
  });
