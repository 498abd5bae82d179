import { ForbiddenException, NotFoundException, UnauthorizedException } from '@nestjs/common';

// Bodies already in the platform's ErrorBody shape (@houqin/platform), so its
// exception filter passes them through unchanged. Kept here to avoid a cycle.
const body = (statusCode: number, error: string, message: string, messageZh: string, code?: string) => ({
  statusCode,
  error,
  message,
  messageZh,
  ...(code !== undefined && { code }),
});

export const unauthorized = (message: string, messageZh: string) =>
  new UnauthorizedException(body(401, 'Unauthorized', message, messageZh));

/** `code` is for programs (the portal, e.g. `password-change-required`); the messages are for people. */
export const forbidden = (message: string, messageZh: string, code?: string) =>
  new ForbiddenException(body(403, 'Forbidden', message, messageZh, code));

export const notFound = (message: string, messageZh: string) => new NotFoundException(body(404, 'Not Found', message, messageZh));
