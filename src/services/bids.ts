// The bids of a tender: who may change what and when, and the changes themselves (add, edit,
// withdraw, delete, prices). Each change is one transaction with its audit event.
//
// - Commissioners who can see the tender add and edit bids, only while it is a draft.
// - A bidder may withdraw at any time until the tender is finalised; a withdrawn bid stays stored.
// - A bid can be deleted only in draft and only when nobody has scored it.
// - Prices (commissioner or procurement) can change in any state except finalised.
import Decimal from 'decimal.js';
import type { Kysely } from 'kysely';
import type { Db } from '../data/database';
import { panelRepository } from '../data/panel-repository';
import type { BidRow, Database, TenderRow } from '../data/schema';
import { tenderRepository } from '../data/tender-repository';
import { unlessTaken, UNIQUE_KEYS } from '../data/unique-violation';
import { writeTransaction } from '../data/write-transaction';
import { canSeePrices } from './access';
import { actorLabel, type Actor } from './actors';
import { recordEvent } from './audit';
import { rubricOf } from './results/results';
import { assertDraft, assertNotFinalised, currentTender, isDraft } from './tender-rules';

export const BID_KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
export const MAX_SUPPLIER = 200;
export const MAX_RESPONSE = 30_000;
export const PRICE_EXAMPLE = 'like 125000 or 125000.50';

/** Adding, editing, withdrawing and deleting bids is the commissioner's work. */
export const mayManageBids = (actor: Actor): boolean => actor.kind === 'staff' && actor.role === 'commissioner';
/** Commissioners and procurement enter prices (they are the ones who may see them). */
export const maySetPrices = canSeePrices;

export interface CriterionInfo {
  id: string;
  title: string;
  question: string;
}

export const criteriaOf = (tender: TenderRow): CriterionInfo[] =>
  rubricOf(tender).sections.flatMap((s) => s.criteria.map((c) => ({ id: c.id, title: c.title, question: c.question })));

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Pounds as typed by a person or read from a spreadsheet ("£1,850,000.50") as an exact decimal
 * string ("1850000.5"), the form tender-import stores. Above 0, at most 2 decimal places.
 */
export function parsePounds(input: string): Parsed<string> {
  const typed = input.trim().replace(/^£\s*/, '');
  // A comma only between thousands ("1,850,000"); a comma for the point ("125000,50") would
  // otherwise make the price a hundred times too big.
  if (typed.includes(',') && !/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(typed)) {
    return { ok: false, message: 'has a comma where the pence start, or in the wrong place; expected a full stop before the pence and commas only between thousands, like 125,000.50' };
  }
  const text = typed.replace(/,/g, '');
  if (/^-\s*£?\s*\d/.test(text)) return { ok: false, message: `is below £0; expected a price above 0, ${PRICE_EXAMPLE}` };
  if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false, message: `is not an amount of pounds; expected a number above 0, ${PRICE_EXAMPLE}` };
  const [whole = '', pence = ''] = text.split('.');
  if (pence.length > 2) return { ok: false, message: 'has more than 2 decimal places; expected pounds and pence, like 125000.50' };
  if (whole.replace(/^0+/, '').length > 12) return { ok: false, message: 'is too large; expected a price under £1,000,000,000,000' };
  const value = new Decimal(text);
  if (value.lte(0)) return { ok: false, message: `is not above £0; expected a price above 0, ${PRICE_EXAMPLE}` };
  return { ok: true, value: value.toFixed() };
}

/** Letter keys count A=1 … Z=26, AA=27 …; other keys (e.g. "bid-1") are not in the sequence. */
function letterIndex(key: string): number {
  if (!/^[A-Z]{1,4}$/.test(key)) return 0;
  return [...key].reduce((n, ch) => n * 26 + (ch.charCodeAt(0) - 64), 0);
}

function letterKey(index: number): string {
  let key = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) key = String.fromCharCode(65 + ((n - 1) % 26)) + key;
  return key;
}

/** The letter after the last one used (never reusing a deleted bid's letter). */
export function nextBidKeys(existing: readonly string[], count = 1): string[] {
  const last = Math.max(0, ...existing.map(letterIndex));
  return Array.from({ length: count }, (_, i) => letterKey(last + 1 + i));
}

export async function suggestedBidKey(db: Db, tender: TenderRow): Promise<string> {
  return nextBidKeys((await tenderRepository.bids(db, tender.id)).map((b) => b.key))[0]!;
}

/** Organisation names compared as people read them: case and spacing do not matter. */
export const sameOrganisation = (a: string, b: string): boolean => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

export interface BidListing {
  showPrices: boolean;
  canManage: boolean;
  canWithdraw: boolean;
  canSetPrices: boolean;
  /** Why adding and editing are refused now, in plain words; null in draft. */
  lockedReason: string | null;
  criteria: CriterionInfo[];
  bids: { key: string; supplier: string; price: string | null; withdrawn: boolean; answered: CriterionInfo[]; missing: CriterionInfo[] }[];
}

export function lockedReason(tender: TenderRow): string | null {
  if (tender.state === 'finalised') return 'This tender is finalised, so its bids and prices cannot change.';
  if (!isDraft(tender)) return 'Scoring has opened, so bids cannot be added or changed: the panel must score the bids as they were. A bid can still be withdrawn and prices can still be entered.';
  return null;
}

export async function bidListing(db: Db, actor: Actor, tender: TenderRow): Promise<BidListing> {
  const [bids, responses] = await Promise.all([tenderRepository.bids(db, tender.id), tenderRepository.responses(db, tender.id)]);
  const criteria = criteriaOf(tender);
  const showPrices = canSeePrices(actor);
  const answeredSet = new Set(responses.filter((r) => r.response.trim() !== '').map((r) => `${r.bid}\u0000${r.criterion}`));
  return {
    showPrices,
    canManage: mayManageBids(actor) && isDraft(tender),
    canWithdraw: mayManageBids(actor) && tender.state !== 'finalised',
    canSetPrices: maySetPrices(actor) && tender.state !== 'finalised',
    lockedReason: lockedReason(tender),
    criteria,
    bids: bids.map((b) => ({
      key: b.key,
      supplier: b.supplier,
      price: showPrices ? b.price : null,
      withdrawn: b.withdrawn === 1,
      answered: criteria.filter((c) => answeredSet.has(`${b.key}\u0000${c.id}`)),
      missing: criteria.filter((c) => !answeredSet.has(`${b.key}\u0000${c.id}`)),
    })),
  };
}

export interface BidDetail {
  bid: BidRow;
  showPrices: boolean;
  hasScores: boolean;
  responses: (CriterionInfo & { response: string })[];
}

export async function bidDetail(db: Db, actor: Actor, tender: TenderRow, key: string): Promise<BidDetail | null> {
  const bid = await tenderRepository.findBid(db, tender.id, key);
  if (!bid) return null;
  const [responses, hasScores] = await Promise.all([tenderRepository.bidResponses(db, bid.id), tenderRepository.bidHasScores(db, bid.id)]);
  const byCriterion = new Map(responses.map((r) => [r.criterion, r.response]));
  const showPrices = canSeePrices(actor);
  return {
    bid: showPrices ? bid : { ...bid, price: null },
    showPrices,
    hasScores,
    responses: criteriaOf(tender).map((c) => ({ ...c, response: byCriterion.get(c.id) ?? '' })),
  };
}

/** A bid as entered on the form or read from a spreadsheet row, already checked field by field. */
export interface BidInput {
  key?: string | undefined;
  supplier: string;
  /** Exact decimal pounds, or null for no price yet. */
  price: string | null;
  /** Criterion id → response; blank responses are not stored. */
  responses: Record<string, string>;
}

export type FieldError = { field: string; text: string };
export type BidOutcome = { ok: true; key: string; changed: boolean } | { ok: false; errors: FieldError[] };

const storedResponses = (input: BidInput) => Object.entries(input.responses).filter(([, r]) => r.trim() !== '').map(([criterion, response]) => ({ criterion, response }));

async function clashes(trx: Kysely<Database>, tender: TenderRow, input: BidInput, exceptKey?: string): Promise<FieldError[]> {
  const others = (await tenderRepository.bids(trx, tender.id)).filter((b) => b.key !== exceptKey);
  const errors: FieldError[] = [];
  if (input.key !== undefined && others.some((b) => b.key.toLowerCase() === input.key!.toLowerCase())) {
    errors.push({ field: 'key', text: `There is already a bid ${input.key}. Enter a different key, or leave it blank to get the next letter` });
  }
  const same = others.find((b) => sameOrganisation(b.supplier, input.supplier));
  if (same) errors.push({ field: 'supplier', text: `Bid ${same.key} is already from ${same.supplier}. Enter a different organisation, or change bid ${same.key}` });
  return errors;
}

/** Inserts bids with their responses, each given to every panel member (as a pack's default). */
export async function insertBids(trx: Kysely<Database>, tender: TenderRow, bids: (BidInput & { key: string })[]): Promise<void> {
  const members = await panelRepository.members(trx, tender.id);
  for (const input of bids) {
    const id = await tenderRepository.insertBid(trx, { tender_id: tender.id, key: input.key, supplier: input.supplier, price: input.price, withdrawn: 0 });
    await tenderRepository.insertResponses(trx, storedResponses(input).map((r) => ({ bid_id: id, ...r })));
    await panelRepository.assign(trx, [], members.map((m) => ({ member_id: m.id, bid_id: id })));
  }
}

export async function addBid(db: Db, actor: Actor, tender: TenderRow, input: BidInput, now: Date): Promise<BidOutcome> {
  assertDraft(tender, 'Bids');
  // A bid added meanwhile without the tender's lock: the words of the check, read after the rollback.
  const taken = async (): Promise<BidOutcome> => {
    const errors = await clashes(db, tender, input);
    return { ok: false, errors: errors.length > 0 ? errors : [{ field: 'key', text: 'Another bid was added at the same moment. Check the list of bids, then add this one again' }] };
  };
  return unlessTaken(UNIQUE_KEYS.bidKey, taken, () => writeTransaction(db, [{ tender: tender.id }], async (trx): Promise<BidOutcome> => {
    assertDraft(await currentTender(trx, tender), 'Bids');
    const errors = await clashes(trx, tender, input);
    if (errors.length > 0) return { ok: false, errors };
    const key = input.key ?? nextBidKeys((await tenderRepository.bids(trx, tender.id)).map((b) => b.key))[0]!;
    await insertBids(trx, tender, [{ ...input, key }]);
    const responses = storedResponses(input).map((r) => r.criterion);
    await recordEvent(trx, { actor: actorLabel(actor), action: 'bid.added', tender: tender.reference, detail: { bid: key, supplier: input.supplier, price: input.price, responses } }, now);
    return { ok: true, key, changed: true };
  }));
}

export async function editBid(db: Db, actor: Actor, tender: TenderRow, key: string, input: BidInput, now: Date): Promise<BidOutcome | null> {
  assertDraft(tender, 'Bids');
  return writeTransaction(db, [{ tender: tender.id }], async (trx): Promise<BidOutcome | null> => {
    assertDraft(await currentTender(trx, tender), 'Bids');
    const bid = await tenderRepository.findBid(trx, tender.id, key);
    if (!bid) return null;
    const errors = await clashes(trx, tender, { ...input, key: undefined }, key);
    if (errors.length > 0) return { ok: false, errors };
    const before = new Map((await tenderRepository.bidResponses(trx, bid.id)).map((r) => [r.criterion, r.response]));
    const after = new Map(storedResponses(input).map((r) => [r.criterion, r.response]));
    const responses = [...new Set([...before.keys(), ...after.keys()])].filter((c) => before.get(c) !== after.get(c)).sort();
    const changes: Record<string, unknown> = {};
    if (bid.supplier !== input.supplier) changes['supplier'] = { old: bid.supplier, new: input.supplier };
    if (bid.price !== input.price) changes['price'] = { old: bid.price, new: input.price };
    if (responses.length > 0) changes['responses'] = responses;
    if (Object.keys(changes).length === 0) return { ok: true, key, changed: false };
    await tenderRepository.updateBid(trx, bid.id, { supplier: input.supplier, price: input.price });
    await tenderRepository.replaceResponses(trx, bid.id, [...after].map(([criterion, response]) => ({ criterion, response })));
    await recordEvent(trx, { actor: actorLabel(actor), action: 'bid.edited', tender: tender.reference, detail: { bid: key, ...changes } }, now);
    return { ok: true, key, changed: true };
  });
}

/** Withdraws a bid (kept stored, left out of the results). False when there is no such bid. */
export async function withdrawBid(db: Db, actor: Actor, tender: TenderRow, key: string, reason: string, now: Date): Promise<boolean> {
  assertNotFinalised(tender, 'Bids');
  return writeTransaction(db, [{ tender: tender.id }], async (trx) => {
    assertNotFinalised(await currentTender(trx, tender), 'Bids');
    const bid = await tenderRepository.findBid(trx, tender.id, key);
    if (!bid) return false;
    if (bid.withdrawn === 1) return true;
    await tenderRepository.updateBid(trx, bid.id, { withdrawn: 1 });
    await recordEvent(trx, { actor: actorLabel(actor), action: 'bid.withdrawn', tender: tender.reference, detail: { bid: key, supplier: bid.supplier, reason, state: tender.state } }, now);
    return true;
  });
}

export type DeleteOutcome = 'deleted' | 'not-found' | 'scored';

export async function deleteBid(db: Db, actor: Actor, tender: TenderRow, key: string, now: Date): Promise<DeleteOutcome> {
  assertDraft(tender, 'Bids');
  return writeTransaction(db, [{ tender: tender.id }], async (trx): Promise<DeleteOutcome> => {
    assertDraft(await currentTender(trx, tender), 'Bids');
    const bid = await tenderRepository.findBid(trx, tender.id, key);
    if (!bid) return 'not-found';
    if (await tenderRepository.bidHasScores(trx, bid.id)) return 'scored';
    await tenderRepository.deleteBid(trx, bid.id);
    await recordEvent(trx, { actor: actorLabel(actor), action: 'bid.deleted', tender: tender.reference, detail: { bid: key, supplier: bid.supplier } }, now);
    return 'deleted';
  });
}
