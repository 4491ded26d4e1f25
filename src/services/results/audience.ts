// What a reader of the results is shown of what price decides: one rule for the results page and
// the workbook's two copies.
//
// - Prices, price points and totals are for commissioners and procurement only.
// - Ranks, ties, the winner, the chart of totals and how robust the winner is also move with
//   price: a reader who sees them with the quality scores can work out how the prices compare
//   ("B ranked 2nd with quality 36.27, C 3rd with 39.95"). So a facilitator, who chairs
//   moderation, sees the quality scores only until the tender is finalised, as the panel's copy of
//   the workbook always does; once finalised a facilitator sees ranks and the winner, still
//   without prices.
import type { TenderRow } from '../../data/schema';
import { canSeePrices } from '../access';
import { namesAnAmount } from '../summaries/flags';
import type { Actor } from '../actors';

export interface ResultsAudience {
  /** Price amounts, price points and totals. */
  prices: boolean;
  /** Ranks, ties, the winner, the chart and robustness: everything that moves with price. */
  ranking: boolean;
}

export const EVERYTHING: ResultsAudience = { prices: true, ranking: true };
/** The quality scores only: nothing that price decides. */
export const QUALITY_ONLY: ResultsAudience = { prices: false, ranking: false };

/** What the results page shows this person for this tender. */
export function resultsAudience(actor: Actor, tender: TenderRow): ResultsAudience {
  if (canSeePrices(actor)) return EVERYTHING;
  return tender.state === 'finalised' ? { prices: false, ranking: true } : QUALITY_ONLY;
}

/** What each copy of the workbook shows: procurement's everything, the panel's quality only. */
export const WORKBOOK_AUDIENCE: Record<'procurement' | 'panel', ResultsAudience> = { procurement: EVERYTHING, panel: QUALITY_ONLY };

/** A reason about a bid, reworded for a reader who may not see prices: it never names an amount. */
export function withoutPrices(reason: string): string {
  if (!reason.includes('£') && !reason.startsWith('price points cannot')) return reason;
  if (reason.includes('above the budget')) return 'the price is above the budget (prices are not shown)';
  if (reason.startsWith('price points cannot')) return 'price points cannot be worked out for this bid';
  return 'there is a problem with the price (prices are not shown)';
}

/**
 * Words a commissioner typed (an override's reason or item) may name an amount of money, in pounds
 * or as a figure equal to a bid's price (`prices`, every bid's as stored): a reader who may not
 * see prices gets this instead.
 */
export const withoutAmounts = (text: string, prices: readonly string[]): string => (namesAnAmount(text, prices) ? 'words that name an amount of money (prices are not shown)' : text);
