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

/**
 * The five key criteria of the Provider Selection Regime (Health Care Services (Provider Selection
 * Regime) Regulations 2023, regulation 5), in the regulations' order.
 */
export const KEY_CRITERIA = ['quality-and-innovation', 'value', 'integration-collaboration-sustainability', 'access-inequalities-choice', 'social-value'] as const;
export type KeyCriterion = (typeof KEY_CRITERIA)[number];

export const KEY_CRITERION_TITLES: Record<KeyCriterion, string> = {
  'quality-and-innovation': 'Quality and innovation',
  value: 'Value',
  'integration-collaboration-sustainability': 'Integration, collaboration and service sustainability',
  'access-inequalities-choice': 'Improving access, reducing health inequalities and facilitating choice',
  'social-value': 'Social value',
};
