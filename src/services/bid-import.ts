// Importing bids from a spreadsheet: a preview of every row with its problems, then, on confirm,
// every row in one transaction with one audit event, or nothing at all.
//
// Columns (headings in the first row, any order, case does not matter): `organisation` (or
// `supplier`), `price` (optional), `key` (optional: the next letters are given otherwise), and
// one column per criterion, headed by its id or its title, holding the bid's response. Optional
// columns give the bidder's details for the award notice (bid-import-details.ts: `legal name`,
// `email`, `identifier scheme`, `sme`…), checked by the details form's rules and saved with the
// bids.
//
// Between preview and confirm the checked rows wait in the person's session (not the file): the
// confirm form carries the preview's random id, so an older preview in another tab cannot be
// confirmed by mistake, and the rows are checked again against the tender when confirmed.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Db } from '../data/database';
import { bidDetailsRepository } from '../data/bid-details-repository';
import type { Database, TenderRow } from '../data/schema';
import { tenderRepository } from '../data/tender-repository';
import { unlessTaken, UNIQUE_KEYS } from '../data/unique-violation';
import { writeTransaction } from '../data/write-transaction';
import { decimalText } from '../engine';
import type { BidDetails } from '../engine/bid-details';
import { actorLabel, type Actor } from './actors';
import { recordEvent } from './audit';
import { type DetailCell, type DetailField, detailFieldOf, detailHeadings, detailsOfRow } from './bid-import-details';
import { type Sheet, type SheetCell, readBidSpreadsheet } from './bid-spreadsheet';
import { BID_KEY, type CriterionInfo, MAX_RESPONSE, MAX_SUPPLIER, criteriaOf, insertBids, nextBidKeys, parsePounds, sameOrganisation } from './bids';
import { assertDraft } from './tender-rules';

export interface ImportRow {
  row: number;
  key: string;
  supplier: string;
  price: string | null;
  responses: Record<string, string>;
  /** The bidder's details from the detail columns, when the row gives any. */
  details?: BidDetails;
}

export interface RowProblem {
  /** Sheet row number; null for the file as a whole. */
  row: number | null;
  /** Column letter and heading, e.g. `C (price)`; null when not about one column. */
  column: string | null;
  message: string;
}

/** What waits in the session between preview and confirm (only a preview without problems). */
export interface StoredImport {
  id: string;
  reference: string;
  fileName: string;
  sha256: string;
  rows: ImportRow[];
}

export interface ImportPreview {
  fileName: string;
  problems: RowProblem[];
  rows: (ImportRow & { problems: RowProblem[] })[];
  /** Set when there is nothing wrong: to be kept in the session until confirmed. */
  stored: StoredImport | null;
}

type NamedKind = 'supplier' | 'price' | 'key';
type Field = { kind: NamedKind } | { kind: 'response'; criterion: CriterionInfo } | { kind: 'detail'; field: DetailField };

const norm = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();
const NAMED: Record<string, NamedKind> = { organisation: 'supplier', organization: 'supplier', 'organisation name': 'supplier', 'organization name': 'supplier', supplier: 'supplier', price: 'price', 'price (£)': 'price', key: 'key', bid: 'key', 'bid key': 'key' };

function columnsOf(sheet: Sheet, criteria: CriterionInfo[]): { fields: (Field | null)[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const seen = new Map<string, string>();
  const known = `organisation, price, key, a bidder's detail (${detailHeadings().join(', ')}), or a criterion: ${criteria.map((c) => `${c.id} ("${c.title}")`).join(', ')}`;
  const fields = sheet.headers.map((h, i): Field | null => {
    const at = { row: sheet.headerRow, column: h.column };
    if (h.text === '') {
      if (sheet.rows.some((r) => (r.cells[i]?.text ?? '').trim() !== '')) problems.push({ ...at, message: `has no heading but has values under it; expected a heading: ${known}` });
      return null;
    }
    const named = NAMED[norm(h.text)];
    const criterion = criteria.find((c) => norm(c.id) === norm(h.text) || norm(c.title) === norm(h.text));
    const detail = detailFieldOf(norm(h.text));
    const field: Field | null = named ? { kind: named } : criterion ? { kind: 'response', criterion } : detail ? { kind: 'detail', field: detail } : null;
    if (!field) {
      problems.push({ ...at, message: `"${h.text}" is not a column we know; expected ${known}` });
      return null;
    }
    const id = field.kind === 'response' ? `response:${field.criterion.id}` : field.kind === 'detail' ? `detail:${field.field}` : field.kind;
    const before = seen.get(id);
    if (before) problems.push({ ...at, message: `"${h.text}" is the same column as ${before}; expected each column once` });
    seen.set(id, h.column);
    return before ? null : field;
  });
  if (!seen.has('supplier')) problems.push({ row: sheet.headerRow, column: null, message: 'has no organisation column; expected a heading "organisation" (or "supplier") in the first row' });
  return { fields, problems };
}

/** What a column expects typed in, for the message refusing a formula. */
const TYPED: Record<NamedKind | 'response' | 'detail' | 'none', string> = {
  supplier: "the organisation's name typed in",
  price: 'the price typed in as a number, like 125000.50',
  key: 'the bid key typed in, such as "F", or left blank',
  response: 'the response typed in as text',
  detail: "the bidder's detail typed in",
  none: 'a value typed in',
};

/**
 * A formula cell is refused in every column: its text is not what Excel shows (an organisation
 * `=HYPERLINK("http://…","Rowan Care")` would be stored as that text), and it is never worked out.
 */
function formulaProblem(cell: SheetCell, field: Field | null): string {
  const formula = cell.text.length > 80 ? `${cell.text.slice(0, 80)}…` : cell.text;
  const expected = TYPED[field === null ? 'none' : field.kind];
  return `is a formula (${formula}); expected ${expected}, not worked out by a formula (copy the cells and paste them as values only)`;
}

function priceOf(cell: SheetCell): { price: string | null } | { problem: string } {
  if (cell.text.trim() === '') return { price: null };
  const parsed = parsePounds(cell.number !== undefined ? decimalText(cell.number) : cell.text);
  return parsed.ok ? { price: parsed.value } : { problem: `"${cell.text}" ${parsed.message}` };
}

/** The sheet's rows as bids, each with its problems (the same rules as the form). */
function rowsOf(sheet: Sheet, fields: (Field | null)[], existing: { key: string; supplier: string }[]): ImportPreview['rows'] {
  const rows = sheet.rows.map((r) => {
    const row: ImportRow & { problems: RowProblem[] } = { row: r.row, key: '', supplier: '', price: null, responses: {}, problems: [] };
    const detailCells: DetailCell[] = [];
    sheet.headers.forEach((header, i) => {
      const field = fields[i] ?? null;
      const cell = r.cells[i] ?? { text: '' };
      const column = header.text === '' ? header.column : `${header.column} (${header.text})`;
      const problem = (message: string) => row.problems.push({ row: r.row, column, message });
      if (cell.formula !== undefined) problem(formulaProblem(cell, field));
      else if (!field) return;
      else if (field.kind === 'detail') detailCells.push({ field: field.field, text: cell.text, column });
      else if (field.kind === 'supplier') {
        row.supplier = cell.text.trim();
        if (row.supplier === '') problem("is blank; expected the organisation's name");
        else if (row.supplier.length > MAX_SUPPLIER) problem(`is ${row.supplier.length} characters long; expected at most ${MAX_SUPPLIER}`);
      } else if (field.kind === 'price') {
        const price = priceOf(cell);
        if ('problem' in price) problem(price.problem);
        else row.price = price.price;
      } else if (field.kind === 'key') {
        row.key = cell.text.trim();
        if (row.key !== '' && !BID_KEY.test(row.key)) problem(`"${row.key}" is not a bid key; expected 1 to 32 letters, digits, "-" or "_", such as "F", or leave it blank`);
      } else if ('criterion' in field) {
        if (cell.text.length > MAX_RESPONSE) problem(`is ${cell.text.length} characters long; expected a response of at most ${MAX_RESPONSE} characters`);
        else if (cell.text.trim() !== '') row.responses[field.criterion.id] = cell.text;
      }
    });
    const details = detailsOfRow(detailCells);
    for (const p of details.problems) row.problems.push({ row: r.row, column: p.column, message: p.message });
    if (details.details) row.details = details.details;
    return row;
  });
  rows.forEach((row, i) => {
    const at = (kind: NamedKind) => {
      const index = fields.findIndex((f) => f?.kind === kind);
      return index < 0 ? null : `${sheet.headers[index]!.column} (${sheet.headers[index]!.text})`;
    };
    const earlier = rows.slice(0, i).find((o) => row.supplier !== '' && sameOrganisation(o.supplier, row.supplier));
    const stored = existing.find((b) => row.supplier !== '' && sameOrganisation(b.supplier, row.supplier));
    if (earlier) row.problems.push({ row: row.row, column: at('supplier'), message: `"${row.supplier}" is also on row ${earlier.row}; expected each organisation once` });
    else if (stored) row.problems.push({ row: row.row, column: at('supplier'), message: `"${row.supplier}" already has bid ${stored.key} on this tender; expected a new organisation (change bid ${stored.key} instead)` });
    if (row.key === '') return;
    const keyClash = rows.slice(0, i).find((o) => o.key.toLowerCase() === row.key.toLowerCase());
    if (keyClash) row.problems.push({ row: row.row, column: at('key'), message: `"${row.key}" is also the key on row ${keyClash.row}; expected each key once` });
    else if (existing.some((b) => b.key.toLowerCase() === row.key.toLowerCase())) row.problems.push({ row: row.row, column: at('key'), message: `"${row.key}" is already a bid on this tender; expected a new key, or leave it blank` });
  });
  const blanks = rows.filter((r) => r.key === '');
  const keys = nextBidKeys([...existing.map((b) => b.key), ...rows.map((r) => r.key)], blanks.length);
  blanks.forEach((r, i) => (r.key = keys[i]!));
  return rows;
}

export async function previewBidImport(db: Db, tender: TenderRow, file: { buffer: Buffer; originalname: string }): Promise<ImportPreview> {
  assertDraft(tender, 'Bids');
  const fileName = file.originalname;
  const reading = await readBidSpreadsheet(file);
  if (!reading.ok) return { fileName, problems: [{ row: null, column: null, message: reading.message }], rows: [], stored: null };
  const { fields, problems } = columnsOf(reading.sheet, criteriaOf(tender));
  const rows = rowsOf(reading.sheet, fields, await tenderRepository.bids(db, tender.id));
  const all = [...problems, ...rows.flatMap((r) => r.problems)];
  const stored: StoredImport | null =
    all.length > 0
      ? null
      : {
          id: randomBytes(16).toString('hex'),
          reference: tender.reference,
          fileName,
          sha256: createHash('sha256').update(file.buffer).digest('hex'),
          rows: rows.map(({ row, key, supplier, price, responses, details }) => ({ row, key, supplier, price, responses, ...(details ? { details } : {}) })),
        };
  return { fileName, problems: all, rows, stored };
}

export type ConfirmOutcome = { ok: true; keys: string[] } | { ok: false; problems: RowProblem[] };

/** What changed since the preview (another person's bid, a key now taken). */
async function staleProblems(trx: Kysely<Database>, tender: TenderRow, stored: StoredImport): Promise<RowProblem[]> {
  const existing = await tenderRepository.bids(trx, tender.id);
  const criteria = new Set(criteriaOf(tender).map((c) => c.id));
  return stored.rows.flatMap((row): RowProblem[] => {
    const again = 'upload the file again to check it';
    const same = existing.find((b) => sameOrganisation(b.supplier, row.supplier));
    if (same) return [{ row: row.row, column: null, message: `${row.supplier} was added as bid ${same.key} since the preview; expected a new organisation (${again})` }];
    const key = existing.find((b) => b.key.toLowerCase() === row.key.toLowerCase());
    if (key) return [{ row: row.row, column: null, message: `key ${row.key} was taken by bid ${key.key} (${key.supplier}), added since the preview; expected a free key (${again})` }];
    const unknown = Object.keys(row.responses).find((c) => !criteria.has(c));
    return unknown ? [{ row: row.row, column: null, message: `"${unknown}" is not a criterion of this tender; expected a criterion of its rubric` }] : [];
  });
}

export async function confirmBidImport(db: Db, actor: Actor, tender: TenderRow, stored: StoredImport, now: Date): Promise<ConfirmOutcome> {
  assertDraft(tender, 'Bids');
  // A bid added meanwhile without the tender's lock: the words of the check, read after the rollback.
  const taken = async (): Promise<ConfirmOutcome> => {
    const problems = await staleProblems(db, tender, stored);
    return { ok: false, problems: problems.length > 0 ? problems : [{ row: null, column: null, message: `a bid was added at the same moment as this import; expected the bids as they were at the preview (upload the file again to check it)` }] };
  };
  return unlessTaken(UNIQUE_KEYS.bidKey, taken, () => writeTransaction(db, [{ tender: tender.id }], async (trx): Promise<ConfirmOutcome> => {
    const problems = await staleProblems(trx, tender, stored);
    if (problems.length > 0) return { ok: false, problems };
    await insertBids(trx, tender, stored.rows);
    // The bidders' details, with the bids, in the same transaction and audit event.
    const withDetails: string[] = [];
    for (const row of stored.rows) {
      if (!row.details) continue;
      const bid = await tenderRepository.findBid(trx, tender.id, row.key);
      if (!bid) throw new Error(`bid ${row.key} was not inserted`);
      await bidDetailsRepository.save(trx, bid.id, row.details);
      withDetails.push(row.key);
    }
    const keys = stored.rows.map((r) => r.key);
    const detail = { file: stored.fileName, sha256: stored.sha256, count: keys.length, bids: keys, ...(withDetails.length > 0 ? { details: withDetails } : {}) };
    await recordEvent(trx, { actor: actorLabel(actor), action: 'bid.imported', tender: tender.reference, detail }, now);
    return { ok: true, keys };
  }));
}
