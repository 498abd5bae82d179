import { BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { validationErrorBody } from './validation-pipe';

/**
 * A path parameter that must be a UUID v4: `@UuidParam('id') id: string`. Unlike
 * `@Param('id', new ParseUUIDPipe())` it refuses with the standard body naming the parameter,
 * and it tells the OpenAPI document the format, so that clients (and the fuzz) know it.
 */
export function UuidParam(name: string, version: '4' | '5' = '4'): ParameterDecorator {
  const message = `${name} must be a UUID (v${version})`;
  const messageZh = `${name} 必须是合法的 UUID（v${version}）`;
  const pipe = new ParseUUIDPipe({
    version,
    exceptionFactory: () =>
      new BadRequestException({ ...validationErrorBody([]), errors: [{ field: name, message, messageZh, constraint: 'isUuid' }] }),
  });
  return (target, method, index) => {
    Param(name, pipe)(target, method, index);
    if (method === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, method)!;
    ApiParam({ name, required: true, schema: { type: 'string', format: 'uuid' } })(target, method, descriptor);
  };
}
