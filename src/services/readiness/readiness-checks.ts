// The checks before a tender moves on, each a small function of the facts read once
// (readiness-facts.ts). An item says what is outstanding in plain words, links to the page where
// it is put right, and says whether it BLOCKS the move. Items that would make the result wrong
// block (no bid or no panel before scoring; a live bid with no final score or no price before
// finalising); the others may be passed over only with a written reason (stage-change.ts).
import { listKeys, PERSPECTIVE_LABELS, type Perspective, type TenderState } from '../../engine';
import type { ReadinessFacts } from './readiness-facts';

export const ITEM_KINDS = ['no-bids', 'no-panel', 'co-production', 'hourly-rate', 'not-sent', 'reopened', 'no-final-score', 'no-price', 'incomplete', 'flagged', 'summary', 'summary-flag', 'tied-first'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export interface ReadinessItem {
  kind: ItemKind;
  text: string;
  href: string;
  /** The words of the link to the page where it is put right. */
  fix: string;
  blocks: boolean;
}

type Check = (facts: ReadinessFacts) => ReadinessItem[];

const base = (facts: ReadinessFacts): string => `/tenders/${encodeURIComponent(facts.tender.reference)}`;
const quoted = (title: string): string => `“${title}”`;
const perspectiveOf = (p: string): string => PERSPECTIVE_LABELS[p as Perspective] ?? p;
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Members with lived experience are paid for their time (README: "Who is paid"). */
export const paidMembers = (facts: ReadinessFacts) => facts.members.filter((m) => m.perspective === 'lived-experience');

const liveBids = (facts: ReadinessFacts) => facts.bids.filter((b) => b.withdrawn === 0);

const noBids: Check = (facts) =>
  liveBids(facts).length > 0 ? [] : [{ kind: 'no-bids', text: 'Add at least one bid', href: `${base(facts)}/bids`, fix: 'Add bids', blocks: true }];

const noPanel: Check = (facts) =>
  facts.assignments.length > 0
    ? []
    : [{ kind: 'no-panel', text: 'Add at least one panel member with criteria and bids to score', href: `${base(facts)}/panel`, fix: 'Set up the panel', blocks: true }];

/** A co-production criterion needs someone with lived experience scoring it, for every live bid. */
const coProduction: Check = (facts) => {
  const lived = new Set(facts.members.filter((m) => m.perspective === 'lived-experience').map((m) => m.id));
  const live = liveBids(facts).map((b) => b.key);
  if (live.length === 0) return [];
  return facts.criteria
    .filter((c) => c.coProduction === true)
    .flatMap((c) => {
      const covered = new Set(facts.assignments.filter((a) => a.criterion === c.id && lived.has(a.memberId)).map((a) => a.bid));
      const uncovered = live.filter((b) => !covered.has(b));
      if (uncovered.length === 0) return [];
      const which = covered.size === 0 ? '' : ` for ${uncovered.length === 1 ? 'bid' : 'bids'} ${listKeys(uncovered)}`;
      return [{ kind: 'co-production' as const, text: `No panel member with lived experience scores the co-production criterion ${quoted(c.title)}${which}`, href: `${base(facts)}/panel`, fix: 'Change who scores what', blocks: false }];
    });
};

const hourlyRate: Check = (facts) => {
  const paid = paidMembers(facts).length;
  if (facts.tender.hourly_rate !== null || paid === 0) return [];
  const who = paid === 1 ? '1 panel member with lived experience is' : `${paid} panel members with lived experience are`;
  return [{ kind: 'hourly-rate', text: `No hourly rate is set, and ${who} paid for their time`, href: `${base(facts)}/involvement`, fix: 'Set the hourly rate', blocks: false }];
};

/** Scores each member still owes: all of them, or only those moderation re-opened. */
function owedPerMember(facts: ReadinessFacts, onlyReopened: boolean): Map<number, number> {
  const owed = new Map<number, number>();
  for (const o of facts.owed) if (!onlyReopened || o.reopened) owed.set(o.memberId, (owed.get(o.memberId) ?? 0) + 1);
  return owed;
}

/** Before scoring closes: every score not sent, including any re-opened while scoring was open. */
const notSent: Check = (facts) => {
  const owed = owedPerMember(facts, false);
  const assigned = new Map<number, number>();
  for (const a of facts.assignments) assigned.set(a.memberId, (assigned.get(a.memberId) ?? 0) + 1);
  return facts.members.flatMap((m) => {
    const n = owed.get(m.id) ?? 0;
    if (n === 0) return [];
    const total = assigned.get(m.id) ?? n;
    const what = n === total ? `has not sent any of their ${plural(total, 'score', 'scores')}` : `has not sent ${n} of their ${total} scores`;
    return [{ kind: 'not-sent' as const, text: `${m.name} (${perspectiveOf(m.perspective)}) ${what}: scores not sent are not counted`, href: `${base(facts)}/panel`, fix: 'See the panel', blocks: false }];
  });
};

const reopenedNotSent: Check = (facts) => {
  const owed = owedPerMember(facts, true);
  return facts.members.flatMap((m) => {
    const n = owed.get(m.id) ?? 0;
    if (n === 0) return [];
    return [{ kind: 'reopened' as const, text: `${m.name} has ${plural(n, 're-opened score', 're-opened scores')} not sent again: the score as first sent is not counted`, href: `${base(facts)}/moderation`, fix: 'Go to moderation', blocks: false }];
  });
};

/** What the engine says keeps each live bid incomplete: no final score, no price, a price it cannot use. */
const incompleteBids: Check = (facts) => {
  if (!facts.result) return [];
  const titles = new Map(facts.criteria.map((c) => [c.id, c.title]));
  const noScoreTexts = new Set(facts.criteria.map((c) => `"${c.title}" has no final score yet`));
  return facts.result.bids.flatMap((bid) => {
    const name = `Bid ${bid.key} (${bid.supplier})`;
    const items: ReadinessItem[] = [];
    const unscored = Object.entries(bid.criteria).filter(([, c]) => c.final === null).map(([id]) => id);
    if (unscored.length > 0) {
      const href = unscored.length === 1 ? `${base(facts)}/moderation/${encodeURIComponent(bid.key)}/${encodeURIComponent(unscored[0]!)}` : `${base(facts)}/moderation`;
      items.push({ kind: 'no-final-score', text: `${name} has no final score for ${listKeys(unscored.map((id) => quoted(titles.get(id) ?? id)))}`, href, fix: 'Agree a score at moderation', blocks: true });
    }
    for (const missing of bid.missing) {
      if (noScoreTexts.has(missing)) continue;
      const price = missing.startsWith('the price');
      items.push({ kind: price ? 'no-price' : 'incomplete', text: `${name}: ${missing}`, href: price ? `${base(facts)}/bids/prices` : `${base(facts)}/results`, fix: price ? 'Enter prices' : 'See the results', blocks: true });
    }
    return items;
  });
};

/**
 * Two or more bids tied first (the same total and the same quality score): the engine names no
 * winner and never breaks the tie itself, so finalising would lock a tender with no one to award
 * to. It BLOCKS until the tie is resolved (moderation, or a price put right), however the tender
 * documents say ties are settled.
 */
const tiedFirst: Check = (facts) => {
  const tied = facts.result?.bids.filter((b) => b.rank === 1 && b.tie) ?? [];
  if (tied.length < 2) return [];
  const names = listKeys(tied.map((b) => `${b.key} (${b.supplier})`));
  return [
    {
      kind: 'tied-first',
      text: `Bids ${names} are tied first, with the same total and the same quality score, so there is no single winner: settle the tie as your tender documents say (for example, the panel agrees scores at moderation), then finalise`,
      href: `${base(facts)}/moderation`,
      fix: 'Go to moderation',
      blocks: true,
    },
  ];
};

const flaggedWithoutConsensus: Check = (facts) => {
  if (!facts.result) return [];
  const titles = new Map(facts.criteria.map((c) => [c.id, c.title]));
  return facts.result.bids.flatMap((bid) =>
    Object.entries(bid.criteria)
      .filter(([, c]) => c.flagged && c.basis !== 'consensus')
      .map(([id]) => ({
        kind: 'flagged' as const,
        text: `Bid ${bid.key} (${bid.supplier}): the panel disagreed about ${quoted(titles.get(id) ?? id)} and no consensus score is recorded`,
        href: `${base(facts)}/moderation/${encodeURIComponent(bid.key)}/${encodeURIComponent(id)}`,
        fix: 'Moderate this score',
        blocks: false,
      })),
  );
};

/**
 * A review holds while the summary says what the commissioner read: its content fingerprint is the
 * one they reviewed. A review stored without one (before migration 021) is to be made again.
 */
export function summaryReviewState(facts: Pick<ReadinessFacts, 'reviews' | 'summaryContents'>, bid: string): 'reviewed' | 'stale' | 'not-reviewed' {
  const review = facts.reviews.find((r) => r.bid === bid);
  if (!review) return 'not-reviewed';
  return review.content !== null && review.content === facts.summaryContents.get(bid) ? 'reviewed' : 'stale';
}

const summariesNotReviewed: Check = (facts) =>
  liveBids(facts).flatMap((bid) => {
    const state = summaryReviewState(facts, bid.key);
    if (state === 'reviewed') return [];
    const text =
      state === 'stale'
        ? `The assessment summary for bid ${bid.key} (${bid.supplier}) was reviewed before it changed: review it again`
        : `The assessment summary for bid ${bid.key} (${bid.supplier}) has not been reviewed`;
    return [{ kind: 'summary' as const, text, href: `${base(facts)}/summaries/${encodeURIComponent(bid.key)}`, fix: 'Review the summary', blocks: false }];
  });

/**
 * What a summary must not say (summary-flags.ts), one item per bid and criterion. A panel member's
 * name BLOCKS: it can always be reworded, and naming members exposes them to the organisations they
 * scored. A price needs a reason: explanations may rightly cite an amount from the tender.
 */
const summaryFlagged: Check = (facts) => {
  const bids = new Map(facts.bids.map((b) => [b.key, b.supplier]));
  const cells = new Map<string, { bid: string; criterion: string; title: string; names: boolean; prices: boolean }>();
  for (const f of facts.summaryFlags) {
    const key = `${f.bid}\u0000${f.criterion}`;
    const cell = cells.get(key) ?? { bid: f.bid, criterion: f.criterion, title: f.title, names: false, prices: false };
    if (f.kind === 'member-name') cell.names = true;
    else cell.prices = true;
    cells.set(key, cell);
  }
  return [...cells.values()].flatMap((c) => {
    const where = `The assessment summary for bid ${c.bid} (${bids.get(c.bid) ?? c.bid}), in the explanation of ${quoted(c.title)},`;
    const href = `${base(facts)}/summaries/${encodeURIComponent(c.bid)}#criterion-${encodeURIComponent(c.criterion)}`;
    const items: ReadinessItem[] = [];
    if (c.names) items.push({ kind: 'summary-flag', text: `${where} names a panel member: change the explanation`, href, fix: 'Check the summary', blocks: true });
    if (c.prices) items.push({ kind: 'summary-flag', text: `${where} gives an amount of money or a bid's price`, href, fix: 'Check the summary', blocks: false });
    return items;
  });
};

/** Each check by name, for the overview's task list (task-list.ts). */
export const checks = { noBids, noPanel, coProduction, hourlyRate, notSent, reopenedNotSent, incompleteBids, tiedFirst, flaggedWithoutConsensus, summariesNotReviewed, summaryFlagged };

/**
 * Which checks apply to each stage change (README "Moving a tender on"): before scoring opens,
 * the bids and the panel; before scoring closes, the scores not sent; before finalising,
 * everything the result and the assessment summaries depend on. The hourly rate, at each.
 */
export const CHECKS: Record<TenderState, Check[]> = {
  draft: [],
  scoring: [noBids, noPanel, coProduction, hourlyRate],
  moderation: [notSent, coProduction, hourlyRate],
  finalised: [incompleteBids, tiedFirst, reopenedNotSent, flaggedWithoutConsensus, summariesNotReviewed, summaryFlagged, hourlyRate],
};

/** Everything outstanding before the tender moves on to `to`, blocking items first. */
export function outstandingItems(facts: ReadinessFacts, to: TenderState): ReadinessItem[] {
  const items = CHECKS[to].flatMap((check) => check(facts));
  return [...items.filter((i) => i.blocks), ...items.filter((i) => !i.blocks)];
}
