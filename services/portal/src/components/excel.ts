/** One sheet with Chinese (or English) headers, written in the browser by exceljs and downloaded. */
export interface SheetColumn<T> {
  header: string;
  value: (row: T) => string | number | null;
  width?: number;
}

export async function downloadXlsx<T>(fileName: string, sheetName: string, columns: SheetColumn<T>[], rows: T[], note?: string): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Houqin 后勤';
  book.created = new Date();
  const sheet = book.addWorksheet(sheetName.slice(0, 31));
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 2) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row) ?? ''));
  if (note) {
    sheet.addRow([]);
    sheet.addRow([note]);
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
