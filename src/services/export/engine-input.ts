// The engine's input for an export: the same input as results.ts's tenderInput (an integration
// test holds them equal), built from the bids, members and consensus scores the snapshot reads
// anyway, and the submitted scores read as compact tuples rather than one row object each.
import type { BidRow, ConsensusRow, MemberRow, TenderRow } from '../../data/schema';
import type { SubmittedScoreTuple } from '../../data/score-repository';
import type { ScoreInput, TenderInput } from '../../engine';
import { inputOf } from '../results/results';

export interface StoredTender {
  tender: TenderRow;
  bids: readonly BidRow[];
  members: readonly MemberRow[];
  consensus: readonly (ConsensusRow & { bid: string })[];
  scores: readonly SubmittedScoreTuple[];
}

export function engineInput({ tender, bids, members, consensus, scores }: StoredTender): TenderInput {
  const memberKeys = new Map(members.map((m) => [m.id, m.key]));
  const bidKeys = new Map(bids.map((b) => [b.id, b.key]));
  const submitted: ScoreInput[] = [];
  for (const [member, bid, criterion, score, abstain] of scores) {
    const memberKey = memberKeys.get(member);
    const bidKey = bidKeys.get(bid);
    if (memberKey === undefined || bidKey === undefined) continue;
    submitted.push({ member: memberKey, bid: bidKey, criterion, score: abstain ? 'abstain' : score! });
  }
  return inputOf(tender, bids, members, consensus, submitted);
}
