/** Sheets with Chinese (or English) headers, written in the browser by exceljs (loaded on the click) and downloaded. */
export interface SheetColumn<T> {
  header: string;
  value: (row: T) => string | number | null;
  width?: number;
}

/** One sheet with its cells already read from the rows, so sheets of different row types share one workbook. */
export interface Sheet {
  name: string;
  columns: { header: string; width: number }[];
  cells: (string | number)[][];
  note?: string;
}

export function sheetOf<T>(name: string, columns: SheetColumn<T>[], rows: T[], note?: string): Sheet {
  return {
    name: name.slice(0, 31), // Excel's limit for a sheet name
    columns: columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 2) })),
    cells: rows.map((row) => columns.map((c) => c.value(row) ?? '')),
    note,
  };
}

export function downloadXlsx<T>(fileName: string, sheetName: string, columns: SheetColumn<T>[], rows: T[], note?: string): Promise<void> {
  return downloadWorkbook(fileName, [sheetOf(sheetName, columns, rows, note)]);
}

export async function downloadWorkbook(fileName: string, sheets: Sheet[]): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Houqin 后勤';
  book.created = new Date();
  for (const s of sheets) {
    const sheet = book.addWorksheet(s.name);
    sheet.columns = s.columns;
    sheet.getRow(1).font = { bold: true };
    for (const cells of s.cells) sheet.addRow(cells);
    if (s.note) {
      sheet.addRow([]);
      sheet.addRow([s.note]);
    }
  }
  const buffer = await book.xlsx.writeBuffer();
  const blob = new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** At most this many rows go into an export of a paged list: more would be slow to read and to open. */
export const EXPORT_ROW_CAP = 5_000;

/**
 * Every row of a cursor-paged list under the filter shown (not just the pages loaded on screen), page after page up
 * to `cap` rows; `capped` says that more were left out, for the page to tell the user.
 */
export async function readAllPages<T>(page: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>, cap = EXPORT_ROW_CAP): Promise<{ rows: T[]; capped: boolean }> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await page(cursor);
    rows.push(...next.items);
    cursor = next.nextCursor;
  } while (cursor && rows.length < cap);
  return { rows: rows.slice(0, cap), capped: rows.length > cap || Boolean(cursor) };
}

/** The day of an export's file name, in Beijing: 20261201. */
export const exportStamp = (now = Date.now()): string => new Date(now + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
