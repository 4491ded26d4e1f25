// The empty spreadsheet of bids a commissioner fills in and imports: the headings this tender's
// import expects (organisation, price, one column per criterion id, then the optional columns of
// the bidder's details for the award notice), as CSV or as an Excel
// workbook. In the workbook the organisation and response columns are formatted as text, so Excel
// keeps what is typed as typed (no dates made of "1-2", no lost leading zeros: a Companies House
// number such as 01234567); the price column is left for numbers.
import ExcelJS from 'exceljs';
import type { TenderRow } from '../data/schema';
import { detailHeadings } from './bid-import-details';
import { criteriaOf } from './bids';

export const TEXT_FORMAT = '@';

/** The headings, in order, and whether each column holds text. */
export function templateColumns(tender: TenderRow): { heading: string; text: boolean; width: number }[] {
  return [
    { heading: 'organisation', text: true, width: 32 },
    { heading: 'price', text: false, width: 14 },
    ...criteriaOf(tender).map((c) => ({ heading: c.id, text: true, width: 48 })),
    ...detailHeadings().map((heading) => ({ heading, text: true, width: Math.max(12, heading.length + 4) })),
  ];
}

/** A file name for the tender's template, safe in a header: `bids-HW-2026-01.csv`. */
export const templateName = (tender: TenderRow, extension: 'csv' | 'xlsx'): string => `bids-${tender.reference.replace(/[^A-Za-z0-9_-]/g, '-')}.${extension}`;

export function templateCsv(tender: TenderRow): string {
  return `${templateColumns(tender)
    .map((c) => c.heading)
    .join(',')}\r\n`;
}

export async function templateXlsx(tender: TenderRow): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tender evaluation toolkit';
  const sheet = workbook.addWorksheet('Bids', { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = templateColumns(tender);
  sheet.columns = columns.map((c) => ({ header: c.heading, key: c.heading, width: c.width, ...(c.text ? { style: { numFmt: TEXT_FORMAT } } : {}) }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  // The headings themselves are text whatever the column holds.
  header.eachCell((cell) => (cell.numFmt = TEXT_FORMAT));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
