// `import`: a whole tender pack in one transaction with its audit event, or nothing at all.
import { createHash } from 'node:crypto';
import { bidDetailsRepository } from '../data/bid-details-repository';
import type { Db } from '../data/database';
import { panelRepository } from '../data/panel-repository';
import { readinessRepository } from '../data/readiness-repository';
import { scoreRepository } from '../data/score-repository';
import { tenderRepository } from '../data/tender-repository';
import { unlessTaken, UNIQUE_KEYS } from '../data/unique-violation';
import { userRepository } from '../data/user-repository';
import { writeTransaction } from '../data/write-transaction';
import { check, decimalText, memberBids, memberCriteria, packProblems, TenderPackSchema, type Rubric, type TenderPack } from '../engine';
import { canonicalJson, recordEvent } from './audit';
import { recordFinalisation } from './finalisation';
import { tenderReadiness } from './readiness/readiness';
import type { FileProblem } from './data-files';
import { checkRubric, type RubricLibrary } from './rubric-library';

/**
 * The words the app uses for its own pages under /tenders/ (features/tenders/tender-routes.ts:
 * /tenders/new, /tenders/upload). A tender with one of them as its reference could never be
 * opened, so none may have one, in any letter case (the routes match any case).
 */
export const RESERVED_REFERENCES = ['new', 'upload'] as const;

export const isReservedReference = (reference: string): boolean => (RESERVED_REFERENCES as readonly string[]).includes(reference.trim().toLowerCase());

export const reservedReferenceMessage = (reference: string): string =>
  `is "${reference}", a word the app uses for its own pages (${RESERVED_REFERENCES.map((w) => `/tenders/${w}`).join(', ')}); expected another reference, such as "HC-2026-07"`;

/**
 * Why `reference` cannot be used for a new tender, or null. References are one to people in any
 * letter case (HW-2026-01 and hw-2026-01), though the database column tells them apart.
 */
async function referenceClash(db: Db, reference: string): Promise<string | null> {
  // One read: two (exact, then any case) could straddle another import committing the same reference.
  const taken = await tenderRepository.takenAs(db, reference);
  if (taken === undefined) return null;
  if (taken === reference) return `"${reference}" is already a tender here; expected a new reference`;
  return `"${reference}" is already a tender here, written with other capital letters; expected a new reference`;
}

export type ImportOutcome =
  | { ok: true; reference: string; counts: { bids: number; members: number; scores: number; consensus: number } }
  | { ok: false; problems: FileProblem[] };

export interface ImportOptions {
  file: string;
  /** Email of the commissioner who owns the tender; without it every commissioner can see it. */
  owner?: string;
  actor: string;
  now: Date;
  /** The hourly rate the tender starts with (the configured default); none when absent. */
  hourlyRate?: string | null;
}

async function resolveRubric(pack: TenderPack, library: RubricLibrary, file: string): Promise<{ ok: true; rubric: Rubric } | { ok: false; problems: FileProblem[] }> {
  const source = pack.tender.rubric;
  if (typeof source !== 'string') return checkRubric(file, source, 'tender.rubric');
  const loaded = await library.load(source);
  if (loaded) return loaded;
  const ids = (await library.list()).map((r) => r.id).join(', ');
  // The folder is for the command line only (`local`): the web shows path and message.
  return { ok: false, problems: [{ file, path: 'tender.rubric', message: `"${source}" is not a published rubric; expected one of: ${ids || '(none found)'}`, local: `rubrics folder: ${library.dir}` }] };
}

export type PackCheck = { ok: true; pack: TenderPack; rubric: Rubric } | { ok: false; problems: FileProblem[] };

/** The pack on its own and against its rubric; needs no database (used by `validate`). */
export async function checkPackData(library: RubricLibrary, data: unknown, file: string): Promise<PackCheck> {
  const checked = check(TenderPackSchema, data);
  if (!checked.ok) return { ok: false, problems: checked.problems.map((p) => ({ file, ...p })) };
  const pack = checked.value;
  if (isReservedReference(pack.tender.reference)) return { ok: false, problems: [{ file, path: 'tender.reference', message: reservedReferenceMessage(pack.tender.reference) }] };
  const resolved = await resolveRubric(pack, library, file);
  if (!resolved.ok) return resolved;
  const problems = packProblems(pack, resolved.rubric).map((p) => ({ file, ...p }));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, pack, rubric: resolved.rubric };
}

/** Everything that can be known wrong before writing, including what is already stored. */
async function checkImport(db: Db, library: RubricLibrary, data: unknown, options: ImportOptions): Promise<{ pack: TenderPack; rubric: Rubric; ownerId: number | null } | FileProblem[]> {
  const { file } = options;
  const checked = await checkPackData(library, data, file);
  if (!checked.ok) return checked.problems;
  const { pack, rubric } = checked;
  const problems: FileProblem[] = [];
  const clash = await referenceClash(db, pack.tender.reference);
  if (clash) problems.push({ file, path: 'tender.reference', message: clash });
  let ownerId: number | null = null;
  if (options.owner !== undefined) {
    const owner = await userRepository.findByEmail(db, options.owner);
    if (!owner || owner.role !== 'commissioner') {
      problems.push({ file, path: '--owner', message: `${options.owner} is not a commissioner's account; expected the email of a commissioner (add one with "user add")` });
    } else ownerId = owner.id;
  }
  return problems.length > 0 ? problems : { pack, rubric, ownerId };
}

/** Thrown inside the import's transaction, so that nothing of a pack that cannot be finalised is kept. */
class FinalisingBlocked extends Error {
  constructor(readonly problems: FileProblem[]) {
    super('the pack cannot be finalised');
  }
}

export async function importPack(db: Db, library: RubricLibrary, data: unknown, options: ImportOptions): Promise<ImportOutcome> {
  try {
    return await importCheckedPack(db, library, data, options);
  } catch (error) {
    if (error instanceof FinalisingBlocked) return { ok: false, problems: error.problems };
    throw error;
  }
}

async function importCheckedPack(db: Db, library: RubricLibrary, data: unknown, options: ImportOptions): Promise<ImportOutcome> {
  const checked = await checkImport(db, library, data, options);
  if (Array.isArray(checked)) return { ok: false, problems: checked };
  const { pack, rubric, ownerId } = checked;
  const at = options.now.toISOString();
  const refused = (clash: string | null): ImportOutcome => ({ ok: false, problems: [{ file: options.file, path: 'tender.reference', message: clash ?? `"${pack.tender.reference}" is already a tender here; expected a new reference` }] });
  // Read after a unique violation has rolled the import back: the words of the check below.
  const taken = async (): Promise<ImportOutcome> => refused(await referenceClash(db, pack.tender.reference));
  return unlessTaken(UNIQUE_KEYS.tenderReference, taken, () => writeTransaction(db, [{ reference: pack.tender.reference }], async (trx): Promise<ImportOutcome> => {
    // Checked again inside the transaction, which holds the reference's lock: the same pack sent
    // twice at once, or a tender set up meanwhile, is refused in words, never a failed write or
    // two tenders differing in case.
    const clash = await referenceClash(trx, pack.tender.reference);
    if (clash) return refused(clash);
    const tenderId = await tenderRepository.insert(trx, {
      reference: pack.tender.reference,
      title: pack.tender.title,
      rubric_id: rubric.id,
      rubric_json: JSON.stringify(rubric),
      aggregation: pack.tender.aggregation,
      anonymise: pack.tender.anonymise ? 1 : 0,
      state: pack.tender.state,
      scoring_closes_on: pack.tender.timetable?.scoringCloses ?? null,
      moderation_on: pack.tender.timetable?.moderation ?? null,
      award_planned_on: pack.tender.timetable?.awardPlanned ?? null,
      light_touch: pack.tender.lightTouch === false ? 0 : 1,
      hourly_rate: options.hourlyRate ?? null,
      owner_id: ownerId,
      created_at: at,
      updated_at: at,
    });
    const bidIds = new Map<string, number>();
    for (const bid of pack.bids) {
      const id = await tenderRepository.insertBid(trx, { tender_id: tenderId, key: bid.key, supplier: bid.supplier, price: bid.price == null ? null : decimalText(bid.price), withdrawn: bid.withdrawn ? 1 : 0 });
      bidIds.set(bid.key, id);
      if (bid.details) await bidDetailsRepository.save(trx, id, bid.details);
    }
    await tenderRepository.insertResponses(
      trx,
      pack.bids.flatMap((bid) => Object.entries(bid.responses).map(([criterion, response]) => ({ bid_id: bidIds.get(bid.key)!, criterion, response }))),
    );
    const memberIds = new Map<string, number>();
    for (const m of pack.panel) {
      const id = await panelRepository.insertMember(trx, {
        tender_id: tenderId,
        key: m.key,
        name: m.name,
        perspective: m.perspective,
        contact: m.contact ?? null,
        access_needs: JSON.stringify(m.accessNeeds),
        access_notes: m.accessNotes ?? null,
      });
      memberIds.set(m.key, id);
      await panelRepository.assign(
        trx,
        memberCriteria(m, rubric).map((criterion) => ({ member_id: id, criterion })),
        memberBids(m, pack).map((key) => ({ member_id: id, bid_id: bidIds.get(key)! })),
      );
    }
    // Imported scores (paper scoring, migration) count as submitted.
    await scoreRepository.insertMany(
      trx,
      pack.scores.map((s) => ({
        tender_id: tenderId,
        member_id: memberIds.get(s.member)!,
        bid_id: bidIds.get(s.bid)!,
        criterion: s.criterion,
        score: s.score === 'abstain' ? null : s.score,
        abstain: s.score === 'abstain' ? 1 : 0,
        rationale: s.rationale,
        status: 'submitted' as const,
        version: 1,
        entered_by: `import by ${options.actor}`,
        updated_at: at,
      })),
    );
    await scoreRepository.insertConsensus(
      trx,
      pack.consensus.map((c) => ({
        tender_id: tenderId,
        bid_id: bidIds.get(c.bid)!,
        criterion: c.criterion,
        score: c.score,
        rationale: c.rationale,
        attendees: JSON.stringify(c.attendees),
        recorded_by: `import by ${options.actor}`,
        recorded_at: at,
      })),
    );
    await recordEvent(
      trx,
      {
        actor: options.actor,
        action: 'tender.imported',
        tender: pack.tender.reference,
        detail: {
          file: options.file,
          packSha256: createHash('sha256').update(canonicalJson(pack)).digest('hex'),
          rubric: rubric.id,
          owner: options.owner ?? null,
          bids: pack.bids.length,
          members: pack.panel.length,
          scores: pack.scores.length,
          consensus: pack.consensus.length,
          ...(options.hourlyRate ? { hourlyRate: options.hourlyRate } : {}),
        },
      },
      options.now,
    );
    // A past evaluation migrated as finalised is finalised as the app does it: the checks before
    // finalising run on it as though it stood at moderation. Anything that would block finalising in
    // the app (a bid with no final score or no price, a tie for first) refuses the whole import; what
    // the app lets a commissioner pass over with a reason is recorded as passed over, with the
    // import as the reason. Its results and the chain head (this import's event) are recorded with
    // it, and said in the audit trail.
    if (pack.tender.state === 'finalised') {
      const tender = (await tenderRepository.findById(trx, tenderId))!;
      const detail: Record<string, unknown> = { from: 'imported', to: 'finalised' };
      const readiness = await tenderReadiness(trx, { ...tender, state: 'moderation' }, options.now);
      if (readiness.blocking.length > 0) {
        throw new FinalisingBlocked(readiness.blocking.map((item) => ({ file: options.file, path: 'tender.state', message: `the pack says the tender is finalised, but this stops finalising: ${item.text}; expected a tender ready to finalise (or import it with state: moderation, put this right in the app, and finalise it there)` })));
      }
      if (readiness.items.length > 0) {
        const outstanding = readiness.items.map((i) => i.text);
        const reason = `Imported as finalised from the tender pack ${options.file}: an evaluation finalised before it was brought into this app.`;
        await readinessRepository.insertStageOverride(trx, { tenderId, from: 'moderation', to: 'finalised', outstanding, reason, by: options.actor, at });
        detail['override'] = { outstanding, reason };
      }
      const finalised = await recordFinalisation(trx, tender, options.actor, options.now);
      await recordEvent(trx, { actor: options.actor, action: 'tender.state-changed', tender: pack.tender.reference, detail: { ...detail, ...finalised } }, options.now);
    }
    return { ok: true, reference: pack.tender.reference, counts: { bids: pack.bids.length, members: pack.panel.length, scores: pack.scores.length, consensus: pack.consensus.length } };
  }));
}
