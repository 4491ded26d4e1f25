// What the readiness checks need of the summaries, reading every bid's words once: the content
// fingerprint of each live bid's summary (to tell a review that still holds), and, at moderation,
// what the explanations must not say.
import type { Db } from '../../data/database';
import type { TenderRow } from '../../data/schema';
import { summaryContentFingerprint } from './content';
import type { SummaryFlag } from './flags';
import { flagsOf, summaryTexts, type ScoredTender } from './summaries';

export interface SummaryFacts {
  /** Each live bid's summary fingerprint, by bid key. */
  contents: Map<string, string>;
  flags: SummaryFlag[];
}

/** `scored`: the tender as the caller scored it (scoredTender), so it is scored once a request. */
export async function tenderSummaryFacts(db: Db, tender: TenderRow, scored: ScoredTender, withFlags: boolean): Promise<SummaryFacts> {
  const ctx = { ...scored, texts: await summaryTexts(db, tender.id) };
  const keys = ctx.result.bids.map((b) => b.key);
  const contents = new Map(keys.flatMap((key) => {
    const content = summaryContentFingerprint(ctx, key);
    return content === null ? [] : [[key, content] as const];
  }));
  return { contents, flags: withFlags ? flagsOf(ctx, keys) : [] };
}
