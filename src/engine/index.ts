// The scoring engine: pure functions, no I/O (the README's "Where things are").
import { scoreTender, type TenderResult } from './evaluate';
import { scoringFor } from './quality';
import type { TenderInput } from './tender-input';
import { resultsJson, type ResultsJson } from './results-json';
import { robustness, type Robustness } from './robustness';

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

/**
 * Results of a tender worked out once: the exact figures (what anything shown to a person is
 * rounded from, once), robustness, and the JSON contract (6-place numbers) made from them.
 */
export interface Evaluation {
  result: TenderResult;
  robustness: Robustness;
  json: ResultsJson;
}

export function evaluation(input: TenderInput): Evaluation {
  const scoring = scoringFor(input);
  const result = scoreTender(input, scoring);
  const found = robustness(input, result, scoring);
  return { result, robustness: found, json: resultsJson(result, found) };
}

/** Results of a tender as the JSON contract, with robustness. */
export function evaluateTender(input: TenderInput): ResultsJson {
  return evaluation(input).json;
}
export * from './tender-pack';
