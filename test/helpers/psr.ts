// A health-funded tender bought under the Provider Selection Regime, in a test app's database,
// owned by ACCOUNTS.owner: set up from the published PSR rubric, scored, with conflicts of
// interest declared by three members (one of whom later withdraws from the panel), one member
// declaring none and one never answering, then moved on to moderation and finalised, each step
// through the app's own services.
import type { Db } from '../../src/data/database';
import { panelRepository } from '../../src/data/panel-repository';
import { tenderRepository } from '../../src/data/tender-repository';
import type { Actor } from '../../src/services/actors';
import { declareConflicts } from '../../src/services/scoring/conflicts';
import { withdrawMember } from '../../src/services/panel-membership';
import { rubricLibrary } from '../../src/services/rubric-library';
import { advanceTender } from '../../src/services/tender-setup';
import { importPack } from '../../src/services/tender-import';
import { RUBRICS_DIR } from './paths';
import { ACCOUNTS } from './web';

export const PSR_REF = 'PSR-2027-01';
const CRITERIA = ['recovery-outcomes', 'safe-effective-support', 'co-production', 'innovation', 'value-for-money', 'working-together', 'access-and-inequalities', 'social-value'];
const BIDS = [
  { key: 'A', supplier: 'Ash Tree Recovery', price: 200000, score: 3 },
  { key: 'B', supplier: 'Beacon Minds CIC', price: 240000, score: 4 },
  { key: 'C', supplier: 'Cobalt Health Ltd', price: 180000, score: 2 },
];
const PANEL = [
  { key: 'm1', name: 'Sam Okafor', perspective: 'lived-experience' },
  { key: 'm2', name: 'Priya Shah', perspective: 'professional' },
  { key: 'm3', name: 'Tom Reid', perspective: 'professional' },
  { key: 'm4', name: 'Ade Bello', perspective: 'lived-experience' },
  { key: 'm5', name: 'Jo Marsh', perspective: 'professional' },
];
/** The conflicts each member declares: Priya with B; Tom with A and C; Jo with C (Jo then withdraws). */
export const PSR_CONFLICTS: Record<string, string[]> = { m2: ['B'], m3: ['A', 'C'], m5: ['C'] };

/** The tender pack at scoring: every member scores every criterion of every bid, but not the bids they will declare. */
export function psrPack(): Record<string, unknown> {
  const scores = PANEL.flatMap((m) =>
    BIDS.filter((b) => !(PSR_CONFLICTS[m.key] ?? []).includes(b.key)).flatMap((b) =>
      CRITERIA.map((criterion) => ({ member: m.key, bid: b.key, criterion, score: b.score, rationale: `The answer on ${criterion} gives the evidence the question asks for.` })),
    ),
  );
  return {
    format: 'tender-pack/1',
    tender: { reference: PSR_REF, title: 'Community mental health recovery support', rubric: 'community-mental-health-psr', aggregation: 'mean', state: 'scoring', lightTouch: false },
    bids: BIDS.map(({ key, supplier, price }) => ({ key, supplier, price })),
    panel: PANEL,
    scores,
    // Tom attended the moderation of bid A's co-production before he declared his link with A.
    consensus: [{ bid: 'A', criterion: 'co-production', score: 3, rationale: 'The panel agreed the people’s forum shares real decisions, as section 3 of the answer shows.', attendees: ['m1', 'm3'] }],
  };
}

async function ownerActor(db: Db): Promise<Actor> {
  const user = await db.selectFrom('users').selectAll().where('email', '=', ACCOUNTS.owner.email).executeTakeFirstOrThrow();
  return { kind: 'staff', id: user.id, email: user.email, name: user.name, role: 'commissioner' };
}

/** Imports the PSR tender and takes it through declarations, a withdrawal and (unless `finalise` is false) finalising. */
export async function addPsrTender(db: Db, now: Date, options: { finalise?: boolean } = {}): Promise<void> {
  const imported = await importPack(db, rubricLibrary(RUBRICS_DIR), psrPack(), { file: 'psr.yaml', owner: ACCOUNTS.owner.email, actor: 'test', now });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  const tender = (await tenderRepository.findByReference(db, PSR_REF))!;
  for (const key of ['m2', 'm3', 'm4', 'm5']) {
    const member = (await panelRepository.findByKey(db, tender.id, key))!;
    const organisations = PSR_CONFLICTS[key] ?? [];
    const declared = await declareConflicts(db, { member, tender, enteredBy: `panel:${member.id}`, facilitator: null }, { anyConflict: organisations.length > 0, organisations }, now);
    if (!declared.ok) throw new Error(JSON.stringify(declared.problems));
  }
  const owner = await ownerActor(db);
  const jo = (await panelRepository.findByKey(db, tender.id, 'm5'))!;
  const withdrawn = await withdrawMember(db, owner, tender, jo, 'Started a new job with one of the bidders', now);
  if (!withdrawn.ok) throw new Error(JSON.stringify(withdrawn.problems));
  if (options.finalise === false) return;
  const reason = 'Checked with the panel at the moderation meeting; nothing else is outstanding.';
  for (const to of ['moderation', 'finalised'] as const) {
    const current = (await tenderRepository.findByReference(db, PSR_REF))!;
    const moved = await advanceTender(db, owner, current, to, now, { reason });
    if (!moved.ok) throw new Error(`could not move to ${to}: ${JSON.stringify(moved)}`);
  }
}
