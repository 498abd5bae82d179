import type { OpenAPIObject } from '@nestjs/swagger';
import { withStandardAnswers } from './standard-answers';

const ok = { 200: { description: 'OK' } };
const doc = (): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/meters': { get: { security: [{ bearer: [] }], parameters: [{ name: 'consistentWith', in: 'query' }], responses: { ...ok } } },
    '/meters/{id}': { get: { security: [{ bearer: [] }], parameters: [{ name: 'id', in: 'path' }], responses: { ...ok, 404: { description: 'No such meter / 表计不存在' } } } },
    '/health': { get: { responses: { ...ok } } },
    '/r/{token}/reports': { post: { security: [], parameters: [{ name: 'token', in: 'path' }], requestBody: { content: {} }, responses: { 201: { description: 'Created' } } } },
  },
});
const statuses = (d: OpenAPIObject, path: string, method: 'get' | 'post') => Object.keys((d.paths[path] as Record<string, { responses: object }>)[method].responses).sort();

describe('the error answers every operation documents (Swagger)', () => {
  it('adds 400 for input, 401/403 for a token, 404 for a record in the path, 503 for consistentWith, each with the error body', () => {
    const d = withStandardAnswers(doc());
    expect(statuses(d, '/meters', 'get')).toEqual(['200', '400', '401', '403', '503']);
    expect(statuses(d, '/meters/{id}', 'get')).toEqual(['200', '400', '401', '403', '404']);
    expect((d.paths['/meters'].get!.responses['503'] as { content: object }).content).toEqual({ 'application/json': { schema: { $ref: '#/components/schemas/ErrorBodyDto' } } });
  });

  it("keeps a route's own answer, and adds no token answers to a public route", () => {
    const d = withStandardAnswers(doc());
    expect(d.paths['/meters/{id}'].get!.responses['404']).toEqual({ description: 'No such meter / 表计不存在' });
    expect(statuses(d, '/health', 'get')).toEqual(['200']);
    expect(statuses(d, '/r/{token}/reports', 'post')).toEqual(['201', '400', '404']);
  });
});
