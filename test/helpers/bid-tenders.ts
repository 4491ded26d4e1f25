// Tenders for the bids tests: copies of the hand-worked pack in another state, imported into a
// test app's database, and a look at what the bids pages wrote.
import path from 'node:path';
import { loadDataFile } from '../../src/services/data-files';
import { rubricLibrary } from '../../src/services/rubric-library';
import { importPack } from '../../src/services/tender-import';
import { writeChangedPack, type PackDoc } from './packs';
import { REPO_ROOT, RUBRICS_DIR } from './paths';
import { ACCOUNTS, type TestApp } from './web';

export const BIDS_FIXTURES = path.join(REPO_ROOT, 'fixtures', 'bids');

/**
 * Imports a copy of the hand-worked tender as `reference`, in `state`, with bids A (Alder Care,
 * two responses) and B (Birch Support, none) and no scores (finalised: their hand-worked scores). Owned by ACCOUNTS.owner unless
 * `owner` is null (then every commissioner can see it).
 */
export async function addTender(t: TestApp, reference: string, state: string, options: { owner?: string | null; change?: (pack: PackDoc) => void } = {}): Promise<void> {
  const file = writeChangedPack(t.temp.dir, `${reference}.yaml`, (pack) => {
    pack.tender['reference'] = reference;
    pack.tender['state'] = state;
    pack.bids = pack.bids.slice(0, 2);
    // A finalised tender has final scores for every live bid (the app finalises nothing less).
    pack.scores = state === 'finalised' ? pack.scores.filter((s) => s.bid === 'A' || s.bid === 'B') : [];
    pack.consensus = [];
    options.change?.(pack);
  });
  const loaded = await loadDataFile(file);
  if (!loaded.ok) throw new Error(`unreadable pack ${file}`);
  const owner = options.owner === undefined ? ACCOUNTS.owner.email : options.owner;
  const imported = await importPack(t.db, rubricLibrary(RUBRICS_DIR), loaded.data, { file, ...(owner === null ? {} : { owner }), actor: 'test', now: t.clock.now });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
}

export interface StoredBid {
  key: string;
  supplier: string;
  price: string | null;
  withdrawn: number;
  responses: Record<string, string>;
}

export async function storedBids(t: TestApp, reference: string): Promise<StoredBid[]> {
  const tender = await t.db.selectFrom('tenders').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
  const bids = await t.db.selectFrom('bids').selectAll().where('tender_id', '=', tender.id).orderBy('key').execute();
  const responses = await t.db.selectFrom('bid_responses').selectAll().where('bid_id', 'in', bids.length > 0 ? bids.map((b) => b.id) : [-1]).execute();
  return bids.map((b) => ({
    key: b.key,
    supplier: b.supplier,
    price: b.price,
    withdrawn: b.withdrawn,
    responses: Object.fromEntries(responses.filter((r) => r.bid_id === b.id).map((r) => [r.criterion, r.response])),
  }));
}

export interface StoredEvent {
  action: string;
  actor: string;
  detail: Record<string, unknown>;
}

export async function events(t: TestApp, reference: string, action?: string): Promise<StoredEvent[]> {
  let query = t.db.selectFrom('audit_events').select(['action', 'actor', 'detail']).where('tender_ref', '=', reference);
  if (action) query = query.where('action', '=', action);
  const rows = await query.orderBy('seq').execute();
  return rows.map((r) => ({ action: r.action, actor: r.actor, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}
