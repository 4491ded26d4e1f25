// The stage changes made with items outstanding, as the results page and the workbook show them:
// from which stage to which, what was outstanding, the commissioner's reason, who and when.
import type { Db } from '../../data/database';
import { readinessRepository } from '../../data/readiness-repository';
import type { TenderRow } from '../../data/schema';
import { staffNames } from '../actors';
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
