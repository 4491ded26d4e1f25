// The fingerprint of what one bid's assessment summary says: a SHA-256 of the summary as the page
// and the issued file are built from it (summaryView): the bid's scores, points, how each was
// reached and its explanation, its total and rank, the winner, the comparison with the winning
// bid and the gap to it, the prices and price points, the supplier's details and the methodology.
// A commissioner's review holds this fingerprint, so the review holds exactly as long as the
// summary says the same, whatever changed it: the bid's own scores or another bid's, a price, a
// withdrawn bid or panel member, an explanation.
//
// Taken as the summary stands before it is issued: finalising marks it issued, words its standing
// as final and gives it dates, none of which changes what was reviewed.
import { createHash } from 'node:crypto';
import { summaryView, type SummaryContext } from './view';

/** Null for a bid that has no summary (not on the tender, or withdrawn). */
export function summaryContentFingerprint(ctx: SummaryContext, key: string): string | null {
  const view = summaryView({ ...ctx, issued: false, dates: new Map() }, key);
  if (!view) return null;
  // Every part is plain data (strings, numbers, null, arrays and objects built in one order), so its JSON is canonical.
  return createHash('sha256').update(JSON.stringify({ ...view, issued: null, dates: null })).digest('hex');
}
