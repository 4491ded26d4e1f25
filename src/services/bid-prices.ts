// Prices of a tender's bids, entered or changed by procurement or the commissioner in any state
// except finalised. Every change is its own `bid.price-set` event (old and new), all in one
// transaction. A price someone else changed since the form was shown is a conflict, never a
// silent overwrite.
import type { Db } from '../data/database';
import type { TenderRow } from '../data/schema';
import { tenderRepository } from '../data/tender-repository';
import { writeTransaction } from '../data/write-transaction';
import { actorLabel, type Actor } from './actors';
import { recordEvent } from './audit';
import type { FieldError } from './bids';
import { money } from './rubric-view';
import { assertNotFinalised, currentTender } from './tender-rules';

export interface PriceRow {
  key: string;
  supplier: string;
  price: string | null;
}

/** The bids whose price can be entered: every bid not withdrawn. */
export async function priceRows(db: Db, tender: TenderRow): Promise<PriceRow[]> {
  return (await tenderRepository.bids(db, tender.id)).filter((b) => b.withdrawn === 0).map((b) => ({ key: b.key, supplier: b.supplier, price: b.price }));
}

export interface PriceEntry {
  key: string;
  /** The price shown when the form was loaded. */
  was: string | null;
  /** The price entered (exact decimal pounds), or null when left blank. */
  price: string | null;
}

export type PricesOutcome = { ok: true; changed: string[] } | { ok: false; errors: FieldError[]; conflict: boolean; current: PriceRow[] };

export async function setPrices(db: Db, actor: Actor, tender: TenderRow, entries: PriceEntry[], now: Date): Promise<PricesOutcome> {
  assertNotFinalised(tender, 'Prices');
  return writeTransaction(db, [{ tender: tender.id }], async (trx): Promise<PricesOutcome> => {
    assertNotFinalised(await currentTender(trx, tender), 'Prices');
    const bids = new Map((await tenderRepository.bids(trx, tender.id)).filter((b) => b.withdrawn === 0).map((b) => [b.key, b]));
    const errors: FieldError[] = [];
    let conflict = false;
    const changes: { id: number; key: string; old: string | null; price: string }[] = [];
    for (const entry of entries) {
      const bid = bids.get(entry.key);
      if (!bid) continue;
      const field = `price-${entry.key}`;
      if (bid.price !== entry.was) {
        conflict = true;
        errors.push({ field, text: `Someone else changed the price of bid ${entry.key} to ${money(bid.price)} while you were working. Check it and save again` });
      } else if (entry.price === null) {
        if (bid.price !== null) errors.push({ field, text: `Enter a price for bid ${entry.key}: a price can be changed but not removed` });
      } else if (entry.price !== bid.price) {
        changes.push({ id: bid.id, key: entry.key, old: bid.price, price: entry.price });
      }
    }
    if (errors.length > 0) return { ok: false, errors, conflict, current: [...bids.values()].map((b) => ({ key: b.key, supplier: b.supplier, price: b.price })) };
    for (const change of changes) {
      await tenderRepository.updateBid(trx, change.id, { price: change.price });
      await recordEvent(trx, { actor: actorLabel(actor), action: 'bid.price-set', tender: tender.reference, detail: { bid: change.key, old: change.old, new: change.price } }, now);
    }
    return { ok: true, changed: changes.map((c) => c.key) };
  });
}
