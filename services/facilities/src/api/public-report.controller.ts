import { applyDecorators, Body, Controller, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@houqin/auth';
import { correlationIdOf, ErrorBodyDto, IDEMPOTENCY_KEY_PATTERN } from '@houqin/platform';
import { PublicReports, Scanner } from '../application/public-reports';
import { TooManyRequestsError } from '../application/public-rate-limit';
import { PublicReportDto } from './report-links.dto';

interface HeaderSink {
  setHeader?(name: string, value: string): unknown;
  header?(name: string, value: string): unknown;
}
interface ClientRequest {
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
  socket?: { remoteAddress?: string };
}

const TOKEN = { name: 'token', description: 'The token of the QR label (its URL /r/<token>) / 二维码令牌', example: 'CzxviB0uT1CKmwwdLj9KWw3Jc1ZnXr…' };
const publicAnswers = () =>
  applyDecorators(
  ApiResponse({ status: 404, type: ErrorBodyDto, description: 'Not a link of any school (bad token or signature) / 无效二维码' }),
  ApiResponse({ status: 410, type: ErrorBodyDto, description: 'The link was revoked or expired, or its asset left the ledger / 二维码已作废或过期' }),
  ApiResponse({ status: 429, type: ErrorBodyDto, description: 'Too many reports from this code or this address (Retry-After) / 提交过于频繁' }),
  );

/** 扫码报修: what anyone with the school's QR label may do without logging in. */
@ApiTags('public 扫码报修（免登录）')
@Controller('public/report-links')
export class PublicReportController {
  constructor(private readonly reports: PublicReports) {}

  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'What a QR label is for: the asset, its place and school (no login) / 扫码查看资产' })
  @ApiParam(TOKEN)
  @publicAnswers()
  view(@Param('token') token: string, @Req() request: ClientRequest, @Res({ passthrough: true }) res: HeaderSink) {
    return limited(res, () => this.reports.view(token, scannerOf(request)));
  }

  @Post(':token/reports')
  @Public()
  @HttpCode(201)
  @ApiOperation({ summary: 'Report a fault of this asset (no login): a work order attributed to the link / 扫码报修' })
  @ApiParam(TOKEN)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with it gets the first answer / 幂等键', schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source } })
  @ApiResponse({ status: 400, type: ErrorBodyDto, description: 'Invalid body (each field named) / 输入校验失败' })
  @publicAnswers()
  report(@Param('token') token: string, @Body() dto: PublicReportDto, @Req() request: ClientRequest, @Headers('idempotency-key') key: string | undefined, @Res({ passthrough: true }) res: HeaderSink) {
    const scanner = { ...scannerOf(request), ...(key && IDEMPOTENCY_KEY_PATTERN.test(key) ? { idempotencyKey: key } : {}) };
    return limited(res, () => this.reports.report(token, dto, scanner));
  }
}

const setHeader = (res: HeaderSink, name: string, value: string) => (res.setHeader ? res.setHeader(name, value) : res.header?.(name, value));

/** Retry-After on a 429. */
async function limited<T>(res: HeaderSink, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof TooManyRequestsError) setHeader(res, 'Retry-After', String(error.retryAfterSeconds));
    throw error;
  }
}

/**
 * The client's address: the gateway replaces any X-Forwarded-For a client sends with the address it saw,
 * so behind it the header is the client; without it, the socket's address.
 */
function scannerOf(request: ClientRequest): Scanner {
  const forwarded = request.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  const ip = (first || request.ip || request.socket?.remoteAddress || 'unknown').slice(0, 64);
  return { ip, correlationId: correlationIdOf(request as never) ?? crypto.randomUUID() };
}
