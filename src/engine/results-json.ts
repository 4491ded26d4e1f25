// The results JSON contract (engine rules §4). Numbers are rounded to 6 decimal places here and only
// here; ranks were decided on exact values before.
import type Fraction from 'fraction.js';
import type { IndividualScore } from './aggregation';
import { jsonNumber } from './exact';
import type { TenderResult } from './evaluate';
import type { Robustness } from './robustness';

const num = (x: Fraction | null): number | null => (x === null ? null : jsonNumber(x));

export interface ResultsJson {
  reference: string;
  complete: boolean;
  winner: string | null;
  withdrawn: string[];
  bids: {
    key: string;
    supplier: string;
    eligible: boolean;
    complete: boolean;
    failures: string[];
    missing: string[];
    quality: number;
    sections: Record<string, number>;
    price: number | null;
    total: number | null;
    rank: number | null;
    tie: boolean;
    criteria: Record<string, { final: number | null; basis: string | null; points: number | null; scores: IndividualScore[]; flagged: boolean; flags: string[] }>;
  }[];
  robustness: Robustness;
}

export function resultsJson(result: TenderResult, robustness: Robustness): ResultsJson {
  return {
    reference: result.reference,
    complete: result.complete,
    winner: result.winner,
    withdrawn: result.withdrawn,
    bids: result.bids.map((bid) => ({
      key: bid.key,
      supplier: bid.supplier,
      eligible: bid.eligible,
      complete: bid.complete,
      failures: bid.failures,
      missing: bid.missing,
      quality: jsonNumber(bid.quality),
      sections: Object.fromEntries(Object.entries(bid.sections).map(([id, points]) => [id, jsonNumber(points)])),
      price: num(bid.pricePoints),
      total: num(bid.total),
      rank: bid.rank,
      tie: bid.tie,
      criteria: Object.fromEntries(
        Object.entries(bid.criteria).map(([id, c]) => [
          id,
          { final: num(c.final), basis: c.basis, points: num(c.points), scores: c.scores, flagged: c.flagged, flags: c.flags },
        ]),
      ),
    })),
    robustness,
  };
}
