// Moderation pages: the overview of every bid × criterion, and one cell with every member's score
// and reason (the perspectives taken in turn, READING_ORDER), the form to record the panel's
// consensus score and, at the meeting, the form to record a member's dissent from it.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderOf } from '../../middleware/tender-access';
import { assertCanModerate, attendeesOf, findCell, moderationCell, moderationOverview, moderationStage, recordConsensus, type CellRef, type Problem } from '../../services/moderation';
import { staffNames } from '../../services/actors';
import { isAgainst } from '../../services/moderation-dissent';
import { scalePointItems } from '../scoring/scoring-view';
import { formErrors } from '../form-errors';
import { ConsensusForm, DISSENT_MIN, fieldProblems, RATIONALE_RULE } from './moderation-schema';
import { actorText, aggregateText, attendeeText, basisText, cellHref, enteredByText, GROUP_TITLES, moderationHref, number, paragraphs, perspectiveText, reopenHref, scoreText, when } from './moderation-view';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The success banner after a change, from a fixed set of messages (never text from the address). */
function banner(req: Request): string | null {
  const done = text(req.query['done']);
  if (done === 'recorded') return 'The consensus score was recorded. The panel members’ own scores are unchanged.';
  if (done === 'dissent') return 'The dissent was recorded with the consensus score. The consensus score is unchanged.';
  if (done === 'reopened') return 'The scores were re-opened. They do not count towards the results until the member submits them again.';
  return null;
}

export function moderationOverviewGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const stage = moderationStage(tender);
    const overview = tender.state === 'draft' ? null : await moderationOverview(deps.db, tender);
    // ?show=to-agree: only the flagged bids and criteria with no consensus score yet (a framework
    // tender has thousands of cells; these are the ones the meeting must take).
    const toAgree = req.query['show'] === 'to-agree';
    const criteria = overview?.criteria
      .map((c) => ({
        ...c,
        cells: c.cells
          .filter((cell) => !toAgree || (cell.flags.length > 0 && !cell.consensus))
          .map((cell) => ({
            ...cell,
            href: cellHref(tender, cell.bid, c.id),
            final: number(cell.final),
            basis: basisText(cell.basis),
            flagged: cell.flags.length > 0,
            dissentText: cell.dissents === 0 ? null : `${cell.dissents} ${cell.dissents === 1 ? 'dissent' : 'dissents'} recorded`,
          })),
      }))
      .filter((c) => !toAgree || c.cells.length > 0);
    res.render('pages/moderation/overview', {
      pageTitle: `Moderation: ${tender.title}`,
      tender,
      stage,
      banner: banner(req),
      counts: overview?.counts,
      toAgree,
      toAgreeCount: overview ? overview.counts.flagged - overview.counts.flaggedAgreed : 0,
      overviewHref: `/tenders/${encodeURIComponent(tender.reference)}/moderation`,
      criteria,
      members: overview?.members.map((m) => ({
        ...m,
        name: m.withdrawn ? `${m.name} (withdrawn from the panel: not counted)` : m.name,
        perspective: perspectiveText(m.perspective),
        reopenHref: stage.open && !m.withdrawn && m.submitted > 0 ? reopenHref(tender, m.key) : null,
      })),
    });
  };
}

export async function cellOr404(deps: AppDeps, req: Request, res: Response): Promise<CellRef> {
  const cell = await findCell(deps.db, tenderOf(res), String(req.params['bid']), String(req.params['criterion']));
  if (!cell) throw new HttpError(404);
  return cell;
}

interface FormState {
  values: { score: string; rationale: string; attendees: string[] };
  problems?: Problem[];
  status?: number;
}

export interface DissentState {
  values: { member: string; reason: string };
  problems?: Problem[];
  status?: number;
}

/** The dissent form's fields have ids of their own on the page, apart from the consensus form's. */
const DISSENT_IDS: Record<string, string> = { member: 'dissent-member', reason: 'dissent-reason' };
const dissentProblems = (problems: Problem[]): Problem[] => problems.map((p) => ({ field: DISSENT_IDS[p.field] ?? 'dissent-member', text: p.text }));

export async function renderCell(deps: AppDeps, req: Request, res: Response, ref: CellRef, state: { consensus?: FormState; dissent?: DissentState } = {}): Promise<void> {
  const tender = tenderOf(res);
  const { bid, criterion } = ref;
  const cell = await moderationCell(deps.db, tender, ref);
  const names = await staffNames(deps.db, [
    cell.consensus?.recorded_by ?? null,
    ...cell.history.flatMap((h) => [h.recorded_by, h.superseded_by]),
    ...cell.reopenings.map((r) => r.reopenedBy),
    ...cell.dissents.map((d) => d.recordedBy),
    ...cell.reasons.map((m) => m.score?.enteredBy ?? null),
  ]);
  const stage = moderationStage(tender);
  const href = cellHref(tender, bid.key, criterion.id);
  const title = `Bid ${bid.key}: ${criterion.title}`;
  const form = state.consensus;
  const values = form?.values ?? { score: '', rationale: '', attendees: [] };
  const problems = [...(form?.problems ?? []), ...dissentProblems(state.dissent?.problems ?? [])];
  const memberText = (key: string) => {
    const m = cell.members.find((x) => x.key === key);
    return m ? `${m.name} (${perspectiveText(m.perspective)})` : `${key} (no longer on the panel)`;
  };
  const attendees = cell.consensus ? attendeesOf(cell.consensus) : [];
  const dissentValues = state.dissent?.values ?? { member: '', reason: '' };
  res.status(form?.status ?? state.dissent?.status ?? 200).render('pages/moderation/cell', {
    pageTitle: `${problems.length > 0 ? 'Error: ' : ''}Moderate ${title}`,
    tender,
    stage,
    banner: form || state.dissent ? null : banner(req),
    errors: problems.length > 0 ? formErrors(problems) : undefined,
    bid,
    criterion,
    response: paragraphs(cell.response),
    flagText: cell.flags.length > 0 ? `Flagged for moderation: ${cell.flags.join('; ')}.` : null,
    threshold: criterion.threshold === undefined ? null : `A bid needs a final score of at least ${criterion.threshold} for this criterion`,
    averages: cell.groups.map((g) => ({ id: `group-${g.perspective}`, title: GROUP_TITLES[g.perspective], mean: g.mean === null ? 'No submitted scores' : `average ${number(g.mean.value)}` })),
    reasons: cell.reasons.map(({ member, perspective, score }) => ({
      key: member.key,
      name: member.withdrawn_at === null ? member.name : `${member.name} (withdrawn from the panel: not counted)`,
      perspective: perspectiveText(perspective),
      submitted: score?.status === 'submitted',
      status: score === null ? 'Not scored yet' : score.status === 'draft' ? 'Draft: not counted until submitted' : 'Submitted',
      score: score?.status === 'submitted' ? scoreText(cell.scale, score.score, score.abstain) : null,
      reason: score?.status === 'submitted' ? paragraphs(score.rationale) : [],
      enteredBy: score?.status === 'submitted' ? enteredByText(score.enteredBy, names) : null,
      reopenHref: stage.open && member.withdrawn_at === null && score?.status === 'submitted' ? `${reopenHref(tender, member.key)}?cell=${encodeURIComponent(`${bid.key}:${criterion.id}`)}` : null,
    })),
    panelScore: aggregateText(cell.panelScore),
    final: aggregateText(cell.final),
    consensus: cell.consensus && {
      score: scoreText(cell.scale, cell.consensus.score),
      rationale: paragraphs(cell.consensus.rationale),
      attendees: attendeeText(cell.consensus, cell.members),
      recorded: `${actorText(cell.consensus.recorded_by, names)}, ${when(cell.consensus.recorded_at)}`,
    },
    dissents: cell.dissents.map((d) => ({
      id: `dissent-${d.id}`,
      member: memberText(d.member),
      from: isAgainst(d, cell.consensus) ? `the consensus score ${scoreText(cell.scale, d.consensusScore)}` : `an earlier consensus score, ${scoreText(cell.scale, d.consensusScore)}`,
      reason: paragraphs(d.reason),
      recorded: `${actorText(d.recordedBy, names)}, ${when(d.recordedAt)}`,
    })),
    history: cell.history.map((h) => ({
      score: scoreText(cell.scale, h.score),
      rationale: paragraphs(h.rationale),
      attendees: attendeeText(h, cell.members),
      recorded: `${actorText(h.recorded_by, names)}, ${when(h.recorded_at)}`,
      superseded: `${actorText(h.superseded_by, names)}, ${when(h.superseded_at)}`,
    })),
    reopenings: cell.reopenings.map((r) => ({
      name: cell.members.find((m) => m.key === r.member)?.name ?? r.member,
      score: scoreText(cell.scale, r.score, r.abstain),
      rationale: paragraphs(r.rationale),
      reason: r.reason,
      by: `${actorText(r.reopenedBy, names)}, ${when(r.reopenedAt)}`,
    })),
    form: stage.open && {
      action: href,
      replaces: String(cell.consensus?.id ?? 'none'),
      rationaleRule: RATIONALE_RULE,
      values,
      // The scale as the panel's score pages list it: highest first, each label with its plain meaning.
      scoreItems: scalePointItems(cell.rubric, true, values.score === '' ? null : Number(values.score)),
      attendeeItems: cell.members.filter((m) => m.withdrawn_at === null).map((m) => ({ value: m.key, text: m.name, hint: { text: perspectiveText(m.perspective) }, checked: values.attendees.includes(m.key) })),
    },
    // A dissent is recorded at the meeting (the tender at moderation), from the consensus score now in force.
    dissentForm: tender.state === 'moderation' &&
      cell.consensus && {
        action: `${href}/dissent`,
        consensus: String(cell.consensus.id),
        values: dissentValues,
        minimum: DISSENT_MIN,
        memberItems: attendees.map((key) => {
          const m = cell.members.find((x) => x.key === key);
          return { value: key, text: m?.name ?? key, hint: { text: m ? perspectiveText(m.perspective) : 'No longer on the panel' }, checked: dissentValues.member === key };
        }),
      },
    moderationHref: moderationHref(tender),
    backHref: moderationHref(tender),
  });
}

export function moderationCellGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    await renderCell(deps, req, res, await cellOr404(deps, req, res));
  };
}

/** What was typed, to show again beside the problems. */
function typed(body: unknown): FormState['values'] {
  const b = (body ?? {}) as Record<string, unknown>;
  const attendees = Array.isArray(b['attendees']) ? b['attendees'] : [b['attendees']];
  return { score: text(b['score']), rationale: text(b['rationale']), attendees: attendees.filter((a): a is string => typeof a === 'string') };
}

export function moderationCellPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    assertCanModerate(tender, 'Consensus scores');
    const ref = await cellOr404(deps, req, res);
    const parsed = ConsensusForm.safeParse(req.body);
    if (!parsed.success) return renderCell(deps, req, res, ref, { consensus: { values: typed(req.body), problems: fieldProblems(parsed.error), status: 400 } });
    const saved = await recordConsensus(deps.db, actorOf(res), tender, ref, parsed.data, deps.now());
    if (!saved.ok) return renderCell(deps, req, res, ref, { consensus: { values: typed(req.body), problems: saved.problems, status: saved.conflict ? 409 : 400 } });
    res.redirect(303, `${cellHref(tender, ref.bid.key, ref.criterion.id)}?done=recorded#consensus`);
  };
}
