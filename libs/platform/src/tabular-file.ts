import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { UnprocessableEntityException } from '@nestjs/common';
import { FieldError } from './error-body';

/**
 * Imports of a sheet (批量导入): the first sheet of an .xlsx, or a .csv (UTF-8 with or without BOM, or GB18030 as
 * Excel saves it on a Chinese Windows), read into rows of named cells by a header table. What the file cannot be
 * (not a sheet, a required column missing, too many rows) is a 422 naming the field; what one row gets wrong is
 * the importer's per-row report (`RowReason`).
 */
export interface TableRow<F extends string> {
  /** The row number in the file (the header is row 1). */
  row: number;
  cells: Partial<Record<F, string>>;
}

export interface TableLayout<F extends string> {
  /** Header text (any case, spaces, full- or half-width brackets) → field. */
  headers: Record<string, F>;
  /** Columns the first row must have, with the header to name when one is missing. */
  required: Partial<Record<F, string>>;
  maxRows: number;
}

/** Why a row (or one of its fields) was refused, in both languages. */
export interface RowReason {
  field?: string;
  code: string;
  message: string;
  messageZh: string;
}

export const rowReason = (field: string, code: string, message: string, messageZh: string): RowReason => ({ field, code, message, messageZh });

/** A request of the right shape whose file cannot be used: 422, naming the field. */
export const unusableFile = (errors: FieldError[], message = 'The file cannot be read', messageZh = '文件无法读取') =>
  new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', message, messageZh, errors });

/** The header as written, made comparable: NFKC (（元）→ (元)), no white space, lower case. */
export const headerKey = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export async function readTableFile<F extends string>(fileName: string, content: Buffer, layout: TableLayout<F>, field = 'contentBase64'): Promise<TableRow<F>[]> {
  const grid = /\.csv$/i.test(fileName) ? csvGrid(content, field) : await xlsxGrid(content, field);
  const [header, ...body] = grid;
  const headers = new Map(Object.entries<F>(layout.headers).map(([text, f]) => [headerKey(text), f]));
  const columns = new Map<number, F>();
  (header ?? []).forEach((text, column) => {
    const f = headers.get(headerKey(text));
    if (f && ![...columns.values()].includes(f)) columns.set(column, f);
  });
  const missing = (Object.entries(layout.required) as [F, string][]).filter(([f]) => ![...columns.values()].includes(f));
  if (missing.length > 0) {
    throw unusableFile(missing.map(([f, zh]) => ({ field, constraint: 'header', message: `the first row needs a column ${zh} (${f})`, messageZh: `第一行缺少列：${zh}` })));
  }
  const rows: TableRow<F>[] = [];
  body.forEach((cellsOfRow, index) => {
    const cells: Partial<Record<F, string>> = {};
    for (const [column, f] of columns) {
      const text = (cellsOfRow[column] ?? '').trim();
      if (text) cells[f] = text;
    }
    if (Object.keys(cells).length > 0) rows.push({ row: index + 2, cells });
  });
  if (rows.length > layout.maxRows) {
    throw unusableFile([{ field, constraint: 'maxRows', message: `at most ${layout.maxRows} rows per file`, messageZh: `每个文件最多 ${layout.maxRows} 行` }]);
  }
  return rows;
}

async function xlsxGrid(content: Buffer, field: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw unusableFile([{ field, constraint: 'xlsx', message: 'not a readable .xlsx or .csv file', messageZh: '文件不是可读取的 .xlsx 或 .csv 表格' }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unusableFile([{ field, constraint: 'xlsx', message: 'the workbook has no sheet', messageZh: '表格中没有工作表' }]);
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => (cells[column - 1] = cellText(cell)));
    grid[number - 1] = cells;
  });
  return Array.from(grid, (cells) => cells ?? []);
}

/** Dates as YYYY-MM-DD (Excel's dates have no zone: exceljs reads them as UTC midnight), numbers as written. */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.type === ExcelJS.ValueType.Formula ? (cell.value as ExcelJS.CellFormulaValue).result : cell.value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return String(value);
  return cell.text ?? '';
}

function csvGrid(content: Buffer, field: string): string[][] {
  try {
    return parseCsv(decodeText(content), { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch {
    throw unusableFile([{ field, constraint: 'csv', message: 'not a readable .csv file (quotes or encoding)', messageZh: '文件不是可读取的 .csv 表格（引号或编码有误）' }]);
  }
}

/** UTF-8 when it is valid UTF-8; otherwise GB18030 (a superset of GBK), as Excel saves CSV in Chinese Windows. */
function decodeText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return new TextDecoder('gb18030').decode(content);
  }
}
