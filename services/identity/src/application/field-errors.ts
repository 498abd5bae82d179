import { BadRequestException } from '@nestjs/common';
import { FieldError, validationErrorBody } from '@houqin/platform';

/** A 400 in the platform's validation shape, for rules a DTO cannot check (they need the account). */
export const fieldErrors = (errors: FieldError[]) => new BadRequestException({ ...validationErrorBody([]), errors });
