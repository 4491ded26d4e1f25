// Whether a tender's contract is a light-touch contract (Schedule 1 of the Procurement Act 2023,
// such as most social care): its standstill after the award is then voluntary, and the award
// notice marks it. Asked when a tender is set up; a commissioner may correct it at any stage, as
// no score or rank depends on it. One transaction with its audit event.
import type { Db } from '../data/database';
import type { TenderRow } from '../data/schema';
import { tenderRepository } from '../data/tender-repository';
import { writeTransaction } from '../data/write-transaction';
import { actorLabel, type Actor } from './actors';
import { recordEvent } from './audit';
import { currentTender } from './tender-rules';

/** Records the answer; changed false when it was already so (nothing written then). */
export async function setLightTouch(db: Db, actor: Actor, tender: TenderRow, lightTouch: boolean, now: Date): Promise<{ changed: boolean }> {
  return writeTransaction(db, [{ tender: tender.id }], async (trx) => {
    const current = await currentTender(trx, tender);
    const was = current.light_touch === 1;
    if (was === lightTouch) return { changed: false };
    await tenderRepository.setLightTouch(trx, current.id, lightTouch, now.toISOString());
    await recordEvent(trx, { actor: actorLabel(actor), action: 'tender.light-touch-set', tender: current.reference, detail: { old: was, new: lightTouch, state: current.state } }, now);
    return { changed: true };
  });
}
