// A tender's readiness to move on to its next stage: everything outstanding, each item with a link
// to put it right and whether it blocks the move (readiness-checks.ts), and a fingerprint of the
// list as shown, so a move made with a reason can tell whether the list changed meanwhile.
import { createHash } from 'node:crypto';
import type { Db } from '../../data/database';
import type { TenderRow } from '../../data/schema';
import type { TenderState } from '../../engine';
import { NEXT_STATE } from '../tender-rules';
import { outstandingItems, type ReadinessItem } from './readiness-checks';
import { readinessFacts, type ReadinessFacts } from './readiness-facts';

export type { ReadinessItem } from './readiness-checks';

/** A reason for moving on past outstanding items: long enough to say why, short enough to read. */
export const MIN_OVERRIDE_REASON = 20;
export const MAX_OVERRIDE_REASON = 2_000;

export interface Readiness {
  from: TenderState;
  /** The next stage; null once finalised. */
  to: TenderState | null;
  items: ReadinessItem[];
  blocking: ReadinessItem[];
  /** Identifies the list of items as shown (their texts), to notice a change before moving on. */
  fingerprint: string;
}

export const fingerprintOf = (items: readonly ReadinessItem[]): string =>
  createHash('sha256')
    .update(JSON.stringify(items.map((i) => [i.text, i.blocks])))
    .digest('hex')
    .slice(0, 32);

export function readinessOf(facts: ReadinessFacts): Readiness {
  const from = facts.tender.state as TenderState;
  const to = NEXT_STATE[from];
  const items = to ? outstandingItems(facts, to) : [];
  return { from, to, items, blocking: items.filter((i) => i.blocks), fingerprint: fingerprintOf(items) };
}

/** Everything outstanding before the tender (as given: read it inside a write's transaction) moves on. */
export async function tenderReadiness(db: Db, tender: TenderRow, now: Date): Promise<Readiness> {
  return readinessOf(await readinessFacts(db, tender, now));
}
