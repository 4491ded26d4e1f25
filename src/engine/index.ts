// The scoring engine: pure functions, no I/O (the README's "Where things are").
import { scoreTender } from './evaluate';
import { scoringFor } from './quality';
import type { TenderInput } from './tender-input';
import { resultsJson, type ResultsJson } from './results-json';
import { robustness } from './robustness';

export * from './domain';
export * from './exact';
export * from './aggregation';
export * from './formula';
export * from './price';
export * from './ranking';
export * from './keys';
export * from './tender-input';
export * from './quality';
export * from './evaluate';
export * from './robustness';
export * from './prepared-rubric';
export * from './rubric-schema';
export * from './key-criteria';
export * from './problems';
export * from './results-json';

/** Results of a tender as the JSON contract, with robustness. */
export function evaluateTender(input: TenderInput): ResultsJson {
  const scoring = scoringFor(input);
  const result = scoreTender(input, scoring);
  return resultsJson(result, robustness(input, result, scoring));
}
export * from './tender-pack';
