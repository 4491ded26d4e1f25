// Handing a tender to another commissioner: a commissioner sees only the tenders they own (and
// those with no owner), so a tender whose owner leaves, or takes another role, needs a new owner
// to be run. An admin may hand any tender over; a commissioner only a tender they own. The new
// owner is an active commissioner. One transaction with its `tender.owner-changed` event.
import type { Db } from '../data/database';
import { ownerRepository } from '../data/owner-repository';
import type { TenderRow } from '../data/schema';
import { userRepository } from '../data/user-repository';
import { writeTransaction } from '../data/write-transaction';
import { actorLabel, type Actor } from './actors';
import { recordEvent } from './audit';
import { currentTender } from './tender-rules';

export interface Person {
  id: number;
  name: string;
  email: string;
}

const person = (u: { id: number; name: string; email: string }): Person => ({ id: u.id, name: u.name, email: u.email });

/** Whether this actor may hand this tender over: an admin, or the commissioner who owns it. */
export function mayHandOver(actor: Actor, tender: TenderRow): boolean {
  if (actor.kind !== 'staff') return false;
  return actor.role === 'admin' || (actor.role === 'commissioner' && tender.owner_id === actor.id);
}

/** The tender's owner now (null: no one, so every commissioner sees it) and who could run it instead. */
export async function ownerChoices(db: Db, tender: TenderRow): Promise<{ owner: Person | null; choices: Person[] }> {
  const owner = tender.owner_id === null ? undefined : await userRepository.findById(db, tender.owner_id);
  const choices = (await ownerRepository.activeCommissioners(db)).filter((u) => u.id !== tender.owner_id).map(person);
  return { owner: owner ? person(owner) : null, choices };
}

/** The tenders, not yet finalised, that a person owns: no one else can run them. */
export async function unfinishedTenders(db: Db, userId: number): Promise<{ reference: string; title: string; state: string }[]> {
  return (await ownerRepository.unfinishedOwnedBy(db, userId)).map((t) => ({ reference: t.reference, title: t.title, state: t.state }));
}

export type HandOver = { ok: true; from: Person | null; to: Person } | { ok: false; field: string; text: string } | { ok: false; forbidden: true };

export async function handOverTender(db: Db, actor: Actor, tender: TenderRow, toId: number, now: Date): Promise<HandOver> {
  return writeTransaction(db, [{ tender: tender.id }, { user: toId }], async (trx) => {
    const current = await currentTender(trx, tender);
    // Checked again here: the tender may have been handed over meanwhile, or the actor changed.
    const me = actor.kind === 'staff' ? await userRepository.findById(trx, actor.id) : undefined;
    if (!me || me.deactivated_at !== null || !mayHandOver({ ...actor, kind: 'staff', id: me.id, email: me.email, name: me.name, role: me.role }, current)) return { ok: false, forbidden: true } as const;
    const to = await userRepository.findById(trx, toId);
    if (!to || to.role !== 'commissioner' || to.deactivated_at !== null) {
      return { ok: false, field: 'to', text: 'Select an active commissioner: the person chosen is no longer one. Choose from the list again' } as const;
    }
    if (current.owner_id === to.id) return { ok: false, field: 'to', text: `${to.name} already runs this tender. Select someone else` } as const;
    const from = current.owner_id === null ? undefined : await userRepository.findById(trx, current.owner_id);
    await ownerRepository.setOwner(trx, current.id, to.id);
    await recordEvent(trx, { actor: actorLabel(actor), action: 'tender.owner-changed', tender: current.reference, detail: { from: from?.email ?? null, to: to.email } }, now);
    return { ok: true, from: from ? person(from) : null, to: person(to) } as const;
  });
}
