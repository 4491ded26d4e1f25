// The tender lifecycle (DESIGN §2): draft → scoring → moderation → finalised. What may change
// in each state is decided here, so every feature refuses the same things with the same words.
import type { TenderRow } from '../data/schema';
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
