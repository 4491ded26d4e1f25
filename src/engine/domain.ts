// Names shared by the rubric, the tender and the engine.
export const PERSPECTIVES = ['professional', 'lived-experience'] as const;
export type Perspective = (typeof PERSPECTIVES)[number];

export const AGGREGATIONS = ['mean', 'median', 'equal-voice'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const PRICE_METHODS = [
  'lowest-relative',
  'linear-deduction',
  'mean-relative',
  'ideal-price',
  'log',
  'fixed-budget',
  'custom',
] as const;
export type PriceMethod = (typeof PRICE_METHODS)[number];

export const TENDER_STATES = ['draft', 'scoring', 'moderation', 'finalised'] as const;
export type TenderState = (typeof TENDER_STATES)[number];

export const PERSPECTIVE_LABELS: Record<Perspective, string> = {
  professional: 'professional',
  'lived-experience': 'lived experience',
};
