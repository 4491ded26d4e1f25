// What the engine is given: a tender as stored, with its prepared rubric. Drafts never reach it.
import type { Aggregation, Perspective } from './domain';
import type { PreparedRubric } from './prepared-rubric';

export interface BidInput {
  key: string;
  supplier: string;
  /** A decimal string or number of pounds; null while procurement has not entered it. */
  price: string | number | null;
  withdrawn?: boolean;
}
export interface MemberInput {
  key: string;
  name: string;
  perspective: Perspective;
}
/** A submitted score. Drafts never reach the engine. */
export interface ScoreInput {
  member: string;
  bid: string;
  criterion: string;
  score: number | 'abstain';
}
export interface ConsensusInput {
  bid: string;
  criterion: string;
  score: number;
}
export interface TenderInput {
  reference: string;
  rubric: PreparedRubric;
  aggregation: Aggregation;
  bids: readonly BidInput[];
  members: readonly MemberInput[];
  scores: readonly ScoreInput[];
  consensus: readonly ConsensusInput[];
}
