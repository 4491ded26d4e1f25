// Moderation pages: the overview of every bid × criterion, and one cell with every member's score
// and reason side by side and the form to record the panel's consensus score.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderOf } from '../../middleware/tender-access';
import { PERSPECTIVES, type Perspective } from '../../engine';
import { assertCanModerate, findCell, moderationCell, moderationOverview, moderationStage, recordConsensus, type CellRef, type Problem } from '../../services/moderation';
import { staffNames } from '../../services/actors';
import { formErrors } from '../form-errors';
import { ConsensusForm, fieldProblems, RATIONALE_RULE } from './moderation-schema';
import { actorText, aggregateText, attendeeText, basisText, cellHref, enteredByText, GROUP_TITLES, moderationHref, number, paragraphs, perspectiveText, reopenHref, scoreText, when } from './moderation-view';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The success banner after a change, from a fixed set of messages (never text from the address). */
function banner(req: Request): string | null {
  const done = text(req.query['done']);
  if (done === 'recorded') return 'The consensus score was recorded. The panel members’ own scores are unchanged.';
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
      members: overview?.members.map((m) => ({ ...m, perspective: perspectiveText(m.perspective), reopenHref: stage.open && m.submitted > 0 ? reopenHref(tender, m.key) : null })),
    });
  };
}

async function cellOr404(deps: AppDeps, req: Request, res: Response): Promise<CellRef> {
  const cell = await findCell(deps.db, tenderOf(res), String(req.params['bid']), String(req.params['criterion']));
  if (!cell) throw new HttpError(404);
  return cell;
}

interface FormState {
  values: { score: string; rationale: string; attendees: string[] };
  problems?: Problem[];
  status?: number;
}

async function renderCell(deps: AppDeps, req: Request, res: Response, ref: CellRef, form?: FormState): Promise<void> {
  const tender = tenderOf(res);
  const { bid, criterion } = ref;
  const cell = await moderationCell(deps.db, tender, ref);
  const names = await staffNames(deps.db, [
    cell.consensus?.recorded_by ?? null,
    ...cell.history.flatMap((h) => [h.recorded_by, h.superseded_by]),
    ...cell.reopenings.map((r) => r.reopenedBy),
    ...cell.groups.flatMap((g) => g.members.map((m) => m.score?.enteredBy ?? null)),
  ]);
  const stage = moderationStage(tender);
  const livedFirst = text(req.query['first']) === 'lived-experience';
  const order: readonly Perspective[] = livedFirst ? ['lived-experience', 'professional'] : PERSPECTIVES;
  const href = cellHref(tender, bid.key, criterion.id);
  const title = `Bid ${bid.key}: ${criterion.title}`;
  const values = form?.values ?? { score: '', rationale: '', attendees: [] };
  res.status(form?.status ?? 200).render('pages/moderation/cell', {
    pageTitle: `${form?.problems ? 'Error: ' : ''}Moderate ${title}`,
    tender,
    stage,
    banner: form ? null : banner(req),
    errors: form?.problems ? formErrors(form.problems) : undefined,
    bid,
    criterion,
    response: paragraphs(cell.response),
    flagText: cell.flags.length > 0 ? `Flagged for moderation: ${cell.flags.join('; ')}.` : null,
    threshold: criterion.threshold === undefined ? null : `A bid needs a final score of at least ${criterion.threshold} for this criterion`,
    order: livedFirst
      ? { text: 'Show professionals’ reasons first', href: `${href}#scores` }
      : { text: 'Show the reasons of people with lived experience first', href: `${href}?first=lived-experience#scores` },
    groups: [...cell.groups]
      .sort((a, b) => order.indexOf(a.perspective) - order.indexOf(b.perspective))
      .map((g) => ({
        id: `group-${g.perspective}`,
        title: GROUP_TITLES[g.perspective],
        mean: g.mean === null ? null : number(g.mean.value),
        members: g.members.map(({ member, score }) => ({
          key: member.key,
          name: member.withdrawn_at === null ? member.name : `${member.name} (withdrawn from the panel: not counted)`,
          submitted: score?.status === 'submitted',
          status: score === null ? 'Not scored yet' : score.status === 'draft' ? 'Draft: not counted until submitted' : 'Submitted',
          score: score?.status === 'submitted' ? scoreText(cell.scale, score.score, score.abstain) : null,
          reason: score?.status === 'submitted' ? paragraphs(score.rationale) : [],
          enteredBy: score?.status === 'submitted' ? enteredByText(score.enteredBy, names) : null,
          reopenHref: stage.open && member.withdrawn_at === null && score?.status === 'submitted' ? `${reopenHref(tender, member.key)}?cell=${encodeURIComponent(`${bid.key}:${criterion.id}`)}` : null,
        })),
      })),
    panelScore: aggregateText(cell.panelScore),
    final: aggregateText(cell.final),
    consensus: cell.consensus && {
      score: scoreText(cell.scale, cell.consensus.score),
      rationale: paragraphs(cell.consensus.rationale),
      attendees: attendeeText(cell.consensus, cell.members),
      recorded: `${actorText(cell.consensus.recorded_by, names)}, ${when(cell.consensus.recorded_at)}`,
    },
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
      scoreItems: cell.scale.points.map((p) => ({ value: String(p.score), text: `${p.score} – ${p.label}`, hint: { text: p.meaning }, checked: values.score === String(p.score) })),
      attendeeItems: cell.members.map((m) => ({ value: m.key, text: m.name, hint: { text: perspectiveText(m.perspective) }, checked: values.attendees.includes(m.key) })),
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
    if (!parsed.success) return renderCell(deps, req, res, ref, { values: typed(req.body), problems: fieldProblems(parsed.error), status: 400 });
    const saved = await recordConsensus(deps.db, actorOf(res), tender, ref, parsed.data, deps.now());
    if (!saved.ok) return renderCell(deps, req, res, ref, { values: typed(req.body), problems: saved.problems, status: saved.conflict ? 409 : 400 });
    res.redirect(303, `${cellHref(tender, ref.bid.key, ref.criterion.id)}?done=recorded#consensus`);
  };
}
