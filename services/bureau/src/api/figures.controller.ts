import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@houqin/auth';
import { StatisticsQueries } from '../application/statistics.queries';
import { FigureParams } from './statistics.dto';

/** Every figure of the statistics lib, one generic shape: what the audit compares its replay with. */
@ApiTags('statistics 统计')
@Controller('statistics/figures')
export class FiguresController {
  constructor(private readonly queries: StatisticsQueries) {}

  @Get(':figure')
  @Roles('bureau-official', 'auditor', 'system-admin')
  @ApiOperation({ summary: "A figure's live sums per group, with the events applied so far / 统计项实时数据" })
  figure(@Param() { figure }: FigureParams) {
    return this.queries.figure(figure);
  }
}
