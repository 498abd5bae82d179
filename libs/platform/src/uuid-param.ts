import { BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { validationErrorBody } from './validation-pipe';

/**
 * A path parameter that must be a UUID v4: `@UuidParam('id') id: string`. Unlike
 * `@Param('id', new ParseUUIDPipe())` it refuses with the standard body naming the parameter,
 * and it tells the OpenAPI document the format, so that clients (and the fuzz) know it.
 */
/** Any version (`format: uuid` says v4 to the platform's clients and fuzz). */
const ANY_UUID = '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$';

export function UuidParam(name: string, version: '4' | 'any' = '4'): ParameterDecorator {
  const message = version === 'any' ? `${name} must be a UUID` : `${name} must be a UUID (v4)`;
  const messageZh = version === 'any' ? `${name} 必须是合法的 UUID` : `${name} 必须是合法的 UUID（v4）`;
  const pipe = new ParseUUIDPipe({
    version: version === 'any' ? undefined : version,
    exceptionFactory: () =>
      new BadRequestException({ ...validationErrorBody([]), errors: [{ field: name, message, messageZh, constraint: 'isUuid' }] }),
  });
  return (target, method, index) => {
    Param(name, pipe)(target, method, index);
    if (method === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, method)!;
    ApiParam({ name, required: true, schema: version === 'any' ? { type: 'string', pattern: ANY_UUID, example: '1b4e28ba-2fa1-51d2-883f-0016d3cca427' } : { type: 'string', format: 'uuid' } })(target, method, descriptor);
  };
}
