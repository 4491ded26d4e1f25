// The stage changes made with items outstanding, as the results page and the workbook show them:
// from which stage to which, what was outstanding, the commissioner's reason, who and when.
import type { Db } from '../../data/database';
import { readinessRepository } from '../../data/readiness-repository';
import type { TenderRow } from '../../data/schema';
import { tenderRepository } from '../../data/tender-repository';
import { staffNames } from '../actors';
import { withoutAmounts } from '../results/audience';
import { ukDateTimeText } from '../uk-dates';

export interface StageOverrideView {
  from: string;
  to: string;
  outstanding: string[];
  reason: string;
  /** The recorded label ("commissioner:sam@council.example"). */
  by: string;
  /** "Sam Patel (commissioner)", or the label for someone no longer on record. */
  byName: string;
  /** ISO time. */
  at: string;
  /** "23 November 2026 at 10:00" (UK time). */
  atText: string;
}

/** An ISO time as "23 November 2026 at 10:00", in UK time. */
export const whenText = (iso: string): string => ukDateTimeText(iso);

/**
 * The tender's stage overrides as this reader is shown them: whole for one who may see prices;
 * otherwise a reason or item that names an amount of money (in pounds, or a figure equal to a
 * bid's price) is replaced by words saying so.
 */
export async function stageOverridesFor(db: Db, tender: TenderRow, showPrices: boolean): Promise<StageOverrideView[]> {
  const overrides = await stageOverrides(db, tender);
  if (showPrices || overrides.length === 0) return overrides;
  const prices = (await tenderRepository.bids(db, tender.id)).flatMap((b) => (b.price === null ? [] : [b.price]));
  const words = (text: string) => withoutAmounts(text, prices);
  return overrides.map((o) => ({ ...o, reason: words(o.reason), outstanding: o.outstanding.map(words) }));
}

export async function stageOverrides(db: Db, tender: TenderRow): Promise<StageOverrideView[]> {
  const rows = await readinessRepository.stageOverrides(db, tender.id);
  const names = await staffNames(db, rows.map((r) => r.recordedBy));
  return rows.map((r) => ({
    from: r.fromState,
    to: r.toState,
    outstanding: r.outstanding,
    reason: r.reason,
    by: r.recordedBy,
    byName: names.get(r.recordedBy) ?? r.recordedBy,
    at: r.recordedAt,
    atText: whenText(r.recordedAt),
  }));
}
