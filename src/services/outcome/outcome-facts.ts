// What a member is told about the outcome: who was awarded the contract, how many final scores
// their scores were part of, and the commissioner's "you said, we did" text. Only once the
// tender is finalised and its outcome released.
import type { Db } from '../../data/database';
import { outcomeRepository } from '../../data/message-repository';
import type { MemberRow, TenderRow } from '../../data/schema';
import { tenderRepository } from '../../data/tender-repository';
import type { OutcomeFacts } from '../messages/message-templates';

export const OUTCOME_PATH = '/panel/outcome';

/** Null until the tender is finalised and its outcome released. */
export async function outcomeFacts(db: Db, tender: TenderRow, member: MemberRow, publicUrl: string): Promise<OutcomeFacts | null> {
  if (tender.state !== 'finalised') return null;
  const [release, finalisation] = await Promise.all([outcomeRepository.released(db, tender.id), tenderRepository.finalisation(db, tender.id)]);
  if (!release || !finalisation) return null;
  const winnerKey = (JSON.parse(finalisation.results_json) as { winner: string | null }).winner;
  const winner = winnerKey === null ? null : ((await outcomeRepository.supplierOf(db, tender.id, winnerKey)) ?? null);
  return { winner, finalScores: await outcomeRepository.finalScoresOfMember(db, member.id), youSaidWeDid: release.you_said_we_did, outcomeUrl: `${publicUrl}${OUTCOME_PATH}` };
}
