import { randomUUID } from 'node:crypto';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A tiny HTTP client for the tests: JSON in, JSON out, bearer token, idempotency key on POST. */
export async function call<T = any>(
  method: 'GET' | 'POST',
  url: string,
  options: { token?: string; body?: unknown; idempotencyKey?: string | null; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    if (options.idempotencyKey !== null) headers['idempotency-key'] = options.idempotencyKey ?? `test-${randomUUID()}`;
  }
  const response = await fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}
