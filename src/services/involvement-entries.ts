// Involvement entries as people read them: the kinds in plain words, the day, the time or the
// amount, and who entered an entry when it was not the member (a facilitator with them).
import type { Db } from '../data/database';
import type { InvolvementEntryRow } from '../data/schema';
import { userRepository } from '../data/user-repository';
import { duration, pounds } from './involvement-money';
import { dayText } from './uk-dates';

/** Practice (the practice round, or practice on paper) and training sessions count as involvement time. */
export const TIME_KINDS = ['reading', 'meeting', 'practice', 'training'] as const;
export const EXPENSE_KINDS = ['travel', 'cover', 'other'] as const;
export type TimeKind = (typeof TIME_KINDS)[number];
export type ExpenseKind = (typeof EXPENSE_KINDS)[number];
export type InvolvementKind = TimeKind | ExpenseKind;

export const KIND_LABELS: Record<InvolvementKind, string> = {
  reading: 'Reading the bids',
  meeting: 'A meeting',
  practice: 'Practice scoring',
  training: 'A training session',
  travel: 'Travel',
  cover: 'Carer or personal assistant cover',
  other: 'Another expense',
};

type StoredKind = InvolvementEntryRow['kind'];

/**
 * How a kind is stored: the kind column keeps its older kinds, so practice is stored as reading and
 * training as a meeting, with the activity saying which (migration 014). Readers that know only
 * the older kinds still count the time.
 */
export function storedKind(kind: InvolvementKind): { kind: StoredKind; activity: 'practice' | 'training' | null } {
  if (kind === 'practice') return { kind: 'reading', activity: 'practice' };
  if (kind === 'training') return { kind: 'meeting', activity: 'training' };
  return { kind, activity: null };
}

/** The kind of a stored entry, as people read it. */
export const kindOf = (entry: Pick<InvolvementEntryRow, 'kind' | 'activity'>): InvolvementKind => entry.activity ?? entry.kind;

/** "Entered by" names for entries made by staff (a facilitator with the member); null for the member's own. */
async function enteredByNames(db: Db, entries: InvolvementEntryRow[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const label of new Set(entries.map((e) => e.entered_by))) {
    const colon = label.indexOf(':');
    if (label.startsWith('panel:') || colon < 0) continue;
    const user = await userRepository.findByEmail(db, label.slice(colon + 1));
    names.set(label, user?.name ?? 'a member of staff');
  }
  return names;
}

export interface EntryView {
  date: string;
  kind: string;
  /** "2 hours" or "£12.50". */
  value: string;
  note: string;
  /** The facilitator's name when they entered it, otherwise null. */
  enteredBy: string | null;
}

export async function entryViews(db: Db, entries: InvolvementEntryRow[]): Promise<EntryView[]> {
  const names = await enteredByNames(db, entries);
  return entries.map((e) => ({
    date: dayText(e.on_date),
    kind: KIND_LABELS[kindOf(e)],
    value: e.minutes !== null ? duration(e.minutes) : pounds(e.amount ?? '0'),
    note: e.note,
    enteredBy: names.get(e.entered_by) ?? null,
  }));
}

// Days are written, and today is worked out, by the shared UK date module.
export { dayText, ukToday } from './uk-dates';

