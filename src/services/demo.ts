// The demo: on an empty database, the demo tender from fixtures/demo and one account per staff
// role, so a newcomer has something to look at straight after cloning. Two instances starting at
// once on one new database load it once: the one that takes the demo lease loads it, the other
// loads nothing and says so.
import { randomBytes } from 'node:crypto';
import type { Db } from '../data/database';
import { panelRepository } from '../data/panel-repository';
import { tenderRepository } from '../data/tender-repository';
import { issueInvitations } from './invitations';
import { FILE_FORMATS, formatProblem, loadDataFile } from './data-files';
import { takeLease, THIS_INSTANCE } from './shared-state/leases';
import type { RubricLibrary } from './rubric-library';
import { importPack } from './tender-import';
import { addUser, STAFF_ROLES } from './users';

export interface DemoAccount {
  email: string;
  role: string;
  password: string;
}

/** A demo panel member's invitation link (a path; the server adds its address). */
export interface DemoInvitation {
  name: string;
  perspective: string;
  path: string;
}

/** Why nothing was loaded: the database holds tenders, or another instance is loading the demo. */
export type DemoSeed =
  | { seeded: false; reason: 'has-tenders' | 'loading-elsewhere' }
  | { seeded: true; reference: string; accounts: DemoAccount[]; invitations: DemoInvitation[] };

export const DEMO_LEASE = 'demo-load';
/** How long loading the demo may take before another instance may try (it takes a second or two). */
export const DEMO_LEASE_MS = 10 * 60 * 1000;

export async function seedDemo(db: Db, library: RubricLibrary, packFile: string, now: Date, holder = THIS_INSTANCE): Promise<DemoSeed> {
  if ((await tenderRepository.count(db)) > 0) return { seeded: false, reason: 'has-tenders' };
  if (!(await takeLease(db, DEMO_LEASE, holder, now, DEMO_LEASE_MS))) return { seeded: false, reason: 'loading-elsewhere' };
  // Another instance may have loaded it between the count and the lease.
  if ((await tenderRepository.count(db)) > 0) return { seeded: false, reason: 'has-tenders' };
  const accounts: DemoAccount[] = [];
  for (const role of STAFF_ROLES) {
    const account = { email: `${role}@demo.example`, role, password: randomBytes(12).toString('base64url') };
    const added = await addUser(db, { email: account.email, name: `Demo ${role}`, role, password: account.password }, 'demo', now);
    if (added.ok) accounts.push(account);
  }
  const loaded = await loadDataFile(packFile, [FILE_FORMATS.pack]);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const owner = accounts.find((a) => a.role === 'commissioner')?.email;
  const imported = await importPack(db, library, loaded.data, { file: packFile, owner, actor: 'demo', now });
  if (!imported.ok) throw new Error(`the demo pack does not import:\n${imported.problems.map(formatProblem).join('\n')}`);
  return { seeded: true, reference: imported.reference, accounts, invitations: await demoInvitations(db, imported.reference, now) };
}

/** Links for two demo panel members of different perspectives, so both journeys can be tried. */
async function demoInvitations(db: Db, reference: string, now: Date): Promise<DemoInvitation[]> {
  const tender = await tenderRepository.findByReference(db, reference);
  const members = tender ? await panelRepository.members(db, tender.id) : [];
  const chosen = ['lived-experience', 'professional'].flatMap((p) => members.filter((m) => m.perspective === p).slice(0, 1));
  const issued = await issueInvitations(db, reference, chosen.map((m) => m.key), 'demo', now);
  if (!issued.ok) return [];
  return issued.links.map((link) => ({ name: link.name, perspective: chosen.find((m) => m.key === link.key)!.perspective, path: link.path }));
}
