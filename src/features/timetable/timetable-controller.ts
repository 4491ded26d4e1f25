// The timetable page (/tenders/:reference/timetable): the commissioner sets the day scoring
// closes, the moderation meeting and the planned award, or leaves any of them empty.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { tenderOf } from '../../middleware/tender-access';
import { setTimetable, TIMETABLE_DATES, timetableOf, type TimetableDate } from '../../services/timetable/timetable';
import { assertNotFinalised } from '../../services/tender-rules';
import { dayParts, dayText, ukDay } from '../../services/uk-dates';
import { formErrors, type FormErrors } from '../form-errors';
import { DATE_PARTS, DATE_WORDS, parseTimetableForm, type DatePart } from './timetable-schema';

const HINTS: Record<TimetableDate, string> = {
  scoringCloses: 'Panel members are asked to send their scores by the end of this day. They see it on their pages and in their printed pack.',
  moderation: 'The day the panel meets to agree the scores.',
  awardPlanned: 'The day you plan to finalise the evaluation and award the contract.',
};

const timetableHref = (res: Response) => `${res.locals['tenderHref'] as string}/timetable`;

type Typed = Record<string, string>;

/** What was typed, or the stored days as the boxes show them. */
function typedOrStored(res: Response, body: unknown): Typed {
  if (body && typeof body === 'object') {
    return Object.fromEntries(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
  }
  const stored = timetableOf(tenderOf(res));
  return Object.fromEntries(TIMETABLE_DATES.flatMap((date) => Object.entries(dayParts(stored[date])).map(([part, v]) => [`${date}-${part}`, v])));
}

async function renderTimetable(deps: AppDeps, req: Request, res: Response, typed?: unknown, errors?: FormErrors, wrong?: Map<TimetableDate, DatePart[]>): Promise<void> {
  const tender = tenderOf(res);
  const values = typedOrStored(res, typed);
  const example = new Date(deps.now().getTime() + 28 * 86_400_000);
  const [y, m, d] = ukDay(example).split('-');
  const title = 'Timetable';
  const stored = timetableOf(tender);
  res.status(errors ? 400 : 200).render('pages/timetable/edit', {
    pageTitle: `${errors ? 'Error: ' : ''}${title}: ${tender.title}`,
    title,
    tender,
    backHref: res.locals['tenderHref'],
    finalised: tender.state === 'finalised',
    saved: req.query['done'] === 'saved' && !errors,
    action: timetableHref(res),
    errors,
    summary: TIMETABLE_DATES.map((date) => ({ key: { text: DATE_WORDS[date].legend }, value: { text: stored[date] === null ? 'Not set' : dayText(stored[date]) } })),
    dates: TIMETABLE_DATES.map((date) => {
      const message = DATE_PARTS.map((p) => errors?.fields[`${date}-${p}`]).find(Boolean);
      const parts = wrong?.get(date) ?? [];
      return {
        id: date,
        namePrefix: date,
        fieldset: { legend: { text: DATE_WORDS[date].legend, classes: 'govuk-fieldset__legend--m' } },
        hint: { text: `${HINTS[date]} For example, ${Number(d)} ${Number(m)} ${y}. Leave it empty if it is not decided yet.` },
        errorMessage: message,
        items: DATE_PARTS.map((part) => ({ name: part, classes: `govuk-input--width-${part === 'year' ? 4 : 2}`, value: values[`${date}-${part}`] ?? '', error: parts.includes(part) })),
      };
    }),
  });
}

export function timetableGet(deps: AppDeps) {
  return (req: Request, res: Response): Promise<void> => renderTimetable(deps, req, res);
}

export function timetablePost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    assertNotFinalised(tender, 'The timetable');
    const parsed = parseTimetableForm(req.body);
    if (!parsed.ok) {
      // Which boxes of each date are wrong, to mark them (the message goes on the date as a whole).
      const wrong = new Map<TimetableDate, DatePart[]>();
      for (const issue of parsed.error.issues) {
        const [date] = String(issue.path[0] ?? '').split('-') as [TimetableDate];
        const parts = ((issue as { params?: { parts?: DatePart[] } }).params?.parts ?? []).filter((p) => DATE_PARTS.includes(p));
        if (TIMETABLE_DATES.includes(date) && !wrong.has(date)) wrong.set(date, parts);
      }
      return renderTimetable(deps, req, res, req.body, formErrors(parsed.error), wrong);
    }
    await setTimetable(deps.db, actorOf(res), tender, parsed.value, deps.now());
    res.redirect(303, `${timetableHref(res)}?done=saved`);
  };
}
