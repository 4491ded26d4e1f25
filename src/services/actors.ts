// Who is making a request: a staff account, a panel member (by invitation link), or nobody.
import type { Db } from '../data/database';
import { panelRepository } from '../data/panel-repository';
import type { MemberRow } from '../data/schema';
import { userRepository } from '../data/user-repository';
import type { ACCOUNT_ROLES } from './users';

export type StaffRole = (typeof ACCOUNT_ROLES)[number];

export type Actor =
  | { kind: 'staff'; id: number; email: string; name: string; role: StaffRole }
  | { kind: 'panel'; memberId: number; tenderId: number; key: string; name: string; perspective: string }
  | { kind: 'anonymous' };

/**
 * `sessionGeneration`: for a session, the account's session count it recorded at sign-in (0 for a
 * session from before counts were kept); once the account's sessions were ended it no longer
 * matches. Left out only where no session is involved.
 */
export async function staffActor(db: Db, userId: number, sessionGeneration?: number): Promise<Actor> {
  const user = await userRepository.findById(db, userId);
  // A deactivated account, or one whose sessions were ended, is signed out at its next request, wherever its session is.
  return user && user.deactivated_at === null && (sessionGeneration === undefined || user.session_generation === sessionGeneration) ? { kind: 'staff', id: user.id, email: user.email, name: user.name, role: user.role } : { kind: 'anonymous' };
}

export async function panelActor(db: Db, memberId: number): Promise<Actor> {
  const m = await panelRepository.findById(db, memberId);
  return m ? memberActor(m) : { kind: 'anonymous' };
}

export const memberActor = (m: MemberRow): Extract<Actor, { kind: 'panel' }> => ({ kind: 'panel', memberId: m.id, tenderId: m.tender_id, key: m.key, name: m.name, perspective: m.perspective });

export const actorLabel = (actor: Actor): string =>
  actor.kind === 'staff' ? `${actor.role}:${actor.email}` : actor.kind === 'panel' ? `panel:${actor.memberId}` : 'anonymous';

/**
 * Staff actor labels as recorded ("commissioner:sam@council.example") in words for pages:
 * "Sam Patel (commissioner)". Labels of people no longer on record, and other labels, are left out.
 */
export async function staffNames(db: Db, labels: readonly (string | null)[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const label of new Set(labels)) {
    const match = label === null ? null : /^(commissioner|facilitator|procurement|admin):(.+)$/.exec(label);
    if (!match) continue;
    const user = await userRepository.findByEmail(db, match[2]!);
    if (user) names.set(label!, `${user.name} (${match[1]})`);
  }
  return names;
}
