import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { OptionalField } from './dto-rules';
import { ZhLabel } from './zh-label';

/**
 * A nested object of a request body (never an array, which ValidateNested alone lets through as "each item").
 * No description on purpose: with one, Swagger wraps the $ref in allOf and the document no longer says "object",
 * which hides the object's schema from clients and the OpenAPI fuzz.
 */
export const NestedObject = (type: () => new () => object, zh: string, optional = false) =>
  applyDecorators(
    // Swagger tells a lazy type from a class by the function's name, `type`: an arrow written here gets it.
    (optional ? ApiPropertyOptional : ApiProperty)({ type: () => type() }),
    ZhLabel(zh),
    ...(optional ? [OptionalField()] : []),
    IsObject(),
    ValidateNested(),
    Type(type),
  );
