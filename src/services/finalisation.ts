// Finalising a tender: the results as they stand and the head of the tender's audit chain are recorded with the
// finalisation, so the decision can be shown later exactly as it was made. Used when a
// commissioner finalises in the app (tender-setup.ts) and when a tender pack arrives already
// finalised (tender-import.ts: migrating a past evaluation), always inside the caller's transaction.
import { createHash } from 'node:crypto';
import type { Db } from '../data/database';
import type { TenderRow } from '../data/schema';
import { summaryDatesRepository } from '../data/summary-dates-repository';
import { tenderRepository } from '../data/tender-repository';
import { evaluateTender } from '../engine';
import { canonicalJson, chainHead as chainHeadOf } from './audit';
import { tenderInput } from './results/results';

export interface Finalised {
  resultsSha256: string;
  winner: string | null;
  chainHead: string;
}

export async function recordFinalisation(trx: Db, tender: TenderRow, actor: string, now: Date): Promise<Finalised> {
  const results = evaluateTender(await tenderInput(trx, tender));
  const resultsJson = canonicalJson(results);
  const resultsSha256 = createHash('sha256').update(resultsJson).digest('hex');
  // The tender's own chain: everything recorded about this tender up to the decision.
  const chainHead = (await chainHeadOf(trx, tender.reference)).head;
  await tenderRepository.recordFinalisation(trx, { tender_id: tender.id, results_json: resultsJson, results_sha256: resultsSha256, chain_head: chainHead, finalised_by: actor, finalised_at: now.toISOString() });
  // The assessment summaries are issued with the finalisation: each bid's gets its issue date.
  await summaryDatesRepository.issue(trx, tender.id, now.toISOString());
  return { resultsSha256, winner: results.winner, chainHead };
}
