// The tender lifecycle (engine rules §2): draft → scoring → moderation → finalised. What may change
// in each state is decided here, so every feature refuses the same things with the same words.
import type { Db } from '../data/database';
import type { TenderRow } from '../data/schema';
import { tenderRepository } from '../data/tender-repository';
import type { TenderState } from '../engine';

export class TenderLockedError extends Error {
  override name = 'TenderLockedError';
}

export const NEXT_STATE: Record<TenderState, TenderState | null> = {
  draft: 'scoring',
  scoring: 'moderation',
  moderation: 'finalised',
  finalised: null,
};

/** The rubric, bids and panel can change only while the tender is a draft. */
export function assertDraft(tender: TenderRow, what: string): void {
  if (tender.state !== 'draft') {
    throw new TenderLockedError(`${what} cannot change now: scoring has opened, so the rubric, bids and panel are locked`);
  }
}

/** Nothing changes once a tender is finalised. */
export function assertNotFinalised(tender: TenderRow, what: string): void {
  if (tender.state === 'finalised') throw new TenderLockedError(`${what} cannot change: the tender is finalised`);
}

export const isDraft = (tender: TenderRow): boolean => tender.state === 'draft';

/**
 * The tender as stored now, read inside the caller's transaction. A write checks the state on
 * this row, not on the one read when the request began, so a state change made meanwhile (the
 * tender finalised in another tab) cannot slip between the check and the write.
 */
export async function currentTender(trx: Db, tender: TenderRow): Promise<TenderRow> {
  const row = await tenderRepository.findById(trx, tender.id);
  if (!row) throw new TenderLockedError(`The tender ${tender.reference} no longer exists`);
  return row;
}
