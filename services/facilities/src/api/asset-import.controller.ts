import { Body, Controller, Get, Header, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedRequest, CurrentPrincipal, Principal, readableSchoolOf, Roles } from '@houqin/auth';
import { CommandContext, IdempotencyKey } from '@houqin/event-store';
import { CommandRoute, correlationIdOf, ErrorBodyDto } from '@houqin/platform';
import { AssetExport } from '../application/asset-export';
import { AssetImport } from '../application/asset-import';
import { ImportAssetsDto } from './asset-import.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
interface HeaderSink {
  setHeader?(name: string, value: string): unknown;
  header?(name: string, value: string): unknown;
}
const setHeader = (res: HeaderSink, name: string, value: string) => (res.setHeader ? res.setHeader(name, value) : res.header?.(name, value));
const attachment = (res: HeaderSink, fileName: string) => setHeader(res, 'Content-Disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`);

@ApiTags('assets 资产台账')
@Controller('assets')
export class AssetImportController {
  constructor(
    private readonly importer: AssetImport,
    private readonly exporter: AssetExport,
  ) {}

  @Post('imports')
  @CommandRoute({ roles: ['school-admin'], summary: 'Import a ledger (.xlsx/.csv) with a report per row; the same file again registers nothing twice / 台账导入', idempotencyKey: 'optional' })
  @ApiResponse({ status: 422, type: ErrorBodyDto, description: 'Not a readable .xlsx/.csv, a required column missing, more than 2000 rows (per field) / 文件无法读取' })
  importLedger(@Body() dto: ImportAssetsDto, @Req() request: AuthenticatedRequest) {
    // Each row is its own command, keyed by the file's hash and the row (the request's key would name the whole file).
    return this.importer.run(dto.fileName, Buffer.from(dto.contentBase64, 'base64'), contextOf(request));
  }

  @Get('imports/template.xlsx')
  @Roles('school-admin', 'school-staff')
  @ApiOperation({ summary: 'The import template: headers, an example row, the category codes / 导入模板' })
  @ApiProduces(XLSX)
  @Header('Content-Type', XLSX)
  async template(@Res({ passthrough: true }) res: HeaderSink) {
    attachment(res, '校产台账导入模板.xlsx');
    return new StreamableFile(await this.exporter.template());
  }

  @Get('export.xlsx')
  @Roles('school-admin', 'school-staff', 'bureau-official', 'system-admin')
  @ApiOperation({ summary: 'The ledger as Excel with net book value today (my school; the bureau: every school) / 台账导出' })
  @ApiProduces(XLSX)
  @Header('Content-Type', XLSX)
  async export(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: HeaderSink) {
    attachment(res, '校产台账.xlsx');
    return new StreamableFile(await this.exporter.ledger(readableSchoolOf(principal)));
  }
}

function contextOf(request: AuthenticatedRequest): CommandContext {
  const principal = request.principal as Principal;
  return { actorId: principal.sub, role: principal.role, schoolId: principal.schoolId ?? '', correlationId: correlationIdOf(request) ?? crypto.randomUUID(), idempotency: undefined as unknown as IdempotencyKey };
}
