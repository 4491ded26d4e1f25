// A bidder's legal details for the award notice. The commissioner records them at any stage,
// after finalisation too: they are not part of the evaluation (no score or rank depends on them)
// and the notice is written once the tender is finalised. One transaction with its audit event.
import type { Db } from '../data/database';
import { bidDetailsRepository, rowOf } from '../data/bid-details-repository';
import type { TenderRow } from '../data/schema';
import { tenderRepository } from '../data/tender-repository';
import { writeTransaction } from '../data/write-transaction';
import type { BidDetails } from '../engine/bid-details';
import { actorLabel, type Actor } from './actors';
import { recordEvent } from './audit';
import { currentTender } from './tender-rules';

export type DetailsOutcome = { saved: true; changed: string[] } | { saved: false };

/** Saves a bid's details; the audit names the fields that changed, old and new. Not found: saved false. */
export async function saveBidDetails(db: Db, actor: Actor, tender: TenderRow, key: string, details: BidDetails, now: Date): Promise<DetailsOutcome> {
  return writeTransaction(db, [{ tender: tender.id }], async (trx): Promise<DetailsOutcome> => {
    const current = await currentTender(trx, tender);
    const bid = await tenderRepository.findBid(trx, current.id, key);
    if (!bid) return { saved: false };
    const before = rowOf(bid.id, (await bidDetailsRepository.find(trx, bid.id)) ?? {});
    const after = rowOf(bid.id, details);
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]);
    if (changed.length === 0) return { saved: true, changed };
    await bidDetailsRepository.save(trx, bid.id, details);
    const changes = Object.fromEntries(changed.map((k) => [k, { old: before[k], new: after[k] }]));
    await recordEvent(trx, { actor: actorLabel(actor), action: 'bid.details-set', tender: tender.reference, detail: { bid: key, state: current.state, changes } }, now);
    return { saved: true, changed };
  });
}
