// Everything a tender's readiness and its overview's task list are worked out from, read once.
// Members who left the panel (withdrawn) are not on it here: they owe no scores and score nothing.
import type { Db } from '../../data/database';
import { panelRepository } from '../../data/panel-repository';
import { readinessRepository, type Assignment, type OwedScore, type SummaryReviewRow } from '../../data/readiness-repository';
import type { BidRow, MemberRow, TenderRow } from '../../data/schema';
import { tenderRepository } from '../../data/tender-repository';
import { prepareRubric, scoreTender, type PreparedCriterion, type TenderResult } from '../../engine';
import { rubricOf, tenderInput } from '../results/results';
import { tenderSummaryFacts } from '../summaries/review-facts';
import { scoredTender } from '../summaries/summaries';
import type { SummaryFlag } from '../summaries/flags';

export interface ReadinessFacts {
  tender: TenderRow;
  criteria: PreparedCriterion[];
  bids: BidRow[];
  /** Members on the panel now (not withdrawn). */
  members: MemberRow[];
  assignments: Assignment[];
  owed: OwedScore[];
  /** The engine's results as they stand; null for a draft (nothing is scored yet). */
  result: TenderResult | null;
  reviews: SummaryReviewRow[];
  /** What each live bid's summary says now, as a fingerprint (summaries/content.ts); read at moderation and after. */
  summaryContents: Map<string, string>;
  withLinks: Set<number>;
  /** What the summaries must not say (a panel member's name, a price), read at moderation, before they are issued. */
  summaryFlags: SummaryFlag[];
}

export async function readinessFacts(db: Db, tender: TenderRow, now: Date): Promise<ReadinessFacts> {
  const draft = tender.state === 'draft';
  const [bids, members, assignments, owed, reviews, withLinks, input] = await Promise.all([
    tenderRepository.bids(db, tender.id),
    panelRepository.members(db, tender.id),
    readinessRepository.assignments(db, tender.id),
    draft ? Promise.resolve([]) : readinessRepository.owedScores(db, tender.id),
    readinessRepository.summaryReviews(db, tender.id),
    readinessRepository.membersWithWorkingLinks(db, tender.id, now.toISOString()),
    draft ? Promise.resolve(null) : tenderInput(db, tender),
  ]);
  const result = input ? scoreTender(input) : null;
  // Summaries are reviewed at moderation; their flags matter until they are issued.
  const summaries =
    input && result && (tender.state === 'moderation' || tender.state === 'finalised')
      ? await tenderSummaryFacts(db, tender, await scoredTender(db, tender, { input, result }), tender.state === 'moderation')
      : { contents: new Map<string, string>(), flags: [] };
  return {
    tender,
    criteria: input ? input.rubric.criteria : prepareRubric(rubricOf(tender)).criteria,
    bids,
    members: members.filter((m) => m.withdrawn_at === null),
    assignments,
    owed,
    result,
    reviews,
    summaryContents: summaries.contents,
    withLinks,
    summaryFlags: summaries.flags,
  };
}
