// The contract award notice page and its JSON download. Reading only: the publication day and
// the day the summaries were sent come in the query (a GET form), defaulting to today. A tender
// bought under the Provider Selection Regime is outside the Procurement Act: refused in words.
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { tenderOf } from '../../middleware/tender-access';
import type { TenderRow } from '../../data/schema';
import { awardNotice } from '../../services/notices/award-notice';
import { awardNoticeRefusal, regimeProcess } from '../../services/provider-selection/psr-notices';
import { noticeDayProblem } from '../../services/notices/notice-days';
import { dayText, isCalendarDay, ukToday } from '../../services/uk-dates';
import { formErrors } from '../form-errors';

const day = (words: string) =>
  z
    .preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: `${words} was sent twice; use the form on this page` }))
    .refine((v) => v === '' || isCalendarDay(v), { message: `${words} must be a real day written YYYY-MM-DD, like 2027-03-05` });
const NoticeQuery = z.object({
  published: day('The publication day').optional(),
  sent: day('The day the summaries were sent').optional(),
  standstill: z.enum(['yes', 'no'], { error: 'Choose whether a voluntary standstill is observed' }).optional(),
});

/** The radios of the voluntary standstill question (a light-touch contract only). */
const standstillItems = (chosen: string) => [
  { value: 'yes', text: 'Yes, a voluntary standstill is observed', hint: { text: 'The notice gives the standstill period: 8 working days beginning with the publication day.' }, checked: chosen !== 'no' },
  { value: 'no', text: 'No voluntary standstill', hint: { text: 'The notice leaves the standstill period out.' }, checked: chosen === 'no' },
];

/** No Procurement Act notice for a tender bought under the Provider Selection Regime: the page says why (no form), the download answers a JSON error. */
function refuseUnderRegime(res: Response, download: boolean, tender: TenderRow, why: string): void {
  if (download) return void res.status(409).json({ error: `${why}.` });
  res.status(409).render('pages/notices/show', {
    pageTitle: `Contract award notice: ${tender.title}`,
    tenderNav: 'results',
    tender,
    regime: `${why}.`,
    resultsHref: `/tenders/${encodeURIComponent(tender.reference)}/results#standstill`,
    recordHref: `/tenders/${encodeURIComponent(tender.reference)}/provider-selection`,
  });
}

export function noticeGet(deps: AppDeps, download: boolean) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const base = `/tenders/${encodeURIComponent(tender.reference)}/notice`;
    // Bought under the Provider Selection Regime: refused whatever the query says.
    const regime = await regimeProcess(deps.db, tender.id);
    if (regime !== null) return refuseUnderRegime(res, download, tender, awardNoticeRefusal(tender.reference, regime));
    const parsed = NoticeQuery.safeParse(req.query);
    const typed = { published: typeof req.query['published'] === 'string' ? req.query['published'] : '', sent: typeof req.query['sent'] === 'string' ? req.query['sent'] : '' };
    const lightTouch = tender.light_touch === 1;
    const items = standstillItems(typeof req.query['standstill'] === 'string' ? req.query['standstill'] : 'yes');
    const title = `Contract award notice: ${tender.title}`;
    if (!parsed.success) {
      if (download) return void res.status(400).type('text/plain').send(parsed.error.issues.map((i) => i.message).join('\n'));
      return res.status(400).render('pages/notices/show', { pageTitle: `Error: ${title}`, tenderNav: 'results', tender, values: typed, lightTouch, standstillItems: items, errors: formErrors(parsed.error), action: base });
    }
    const now = deps.now();
    const published = parsed.data.published || ukToday(now);
    const sent = parsed.data.sent || undefined;
    // A day too far from today, or summaries sent on a day still to come: named at its box.
    const dayErrors = [
      { field: 'published', text: noticeDayProblem('published', published, ukToday(now)) },
      { field: 'sent', text: sent === undefined ? null : noticeDayProblem('sent', sent, ukToday(now)) },
    ].filter((e): e is { field: string; text: string } => e.text !== null);
    if (dayErrors.length > 0) {
      if (download) return void res.status(400).type('text/plain').send(dayErrors.map((e) => e.text).join('\n'));
      return res.status(400).render('pages/notices/show', { pageTitle: `Error: ${title}`, tenderNav: 'results', tender, values: typed, lightTouch, standstillItems: items, errors: formErrors(dayErrors), action: base });
    }
    // Only a light-touch contract is asked: for any other the Act's standstill applies.
    const observed = lightTouch ? parsed.data.standstill !== 'no' : undefined;
    const outcome = await awardNotice(deps.db, deps.config, tender.reference, { published, summariesSent: sent, voluntaryStandstill: observed, now });
    if (!outcome.ok && 'regime' in outcome) return refuseUnderRegime(res, download, tender, outcome.regime);
    if (download) {
      if (!outcome.ok) return void res.status(409).type('text/plain').send('problems' in outcome ? outcome.problems.join('\n') : 'No such tender');
      res.attachment(`${tender.reference}-award-notice.json`).type('application/json').send(`${JSON.stringify(outcome.notice, null, 2)}\n`);
      return;
    }
    const query = new URLSearchParams({ published, ...(sent ? { sent } : {}), ...(observed === false ? { standstill: 'no' } : {}) }).toString();
    res.render('pages/notices/show', {
      pageTitle: title,
      tenderNav: 'results',
      tender,
      values: { published, sent: sent ?? '' },
      lightTouch,
      standstillItems: items,
      action: base,
      problems: outcome.ok ? [] : 'problems' in outcome ? outcome.problems : [],
      notice: outcome.ok
        ? {
            winner: outcome.winner,
            publishedText: dayText(published),
            standstill: outcome.standstill && { ...outcome.standstill, endsText: dayText(outcome.standstill.ends), contractFromText: dayText(outcome.standstill.contractFrom) },
            lightTouch: outcome.lightTouch,
            sentText: outcome.summariesSent.day === null ? null : `${dayText(outcome.summariesSent.day)}${outcome.summariesSent.from === 'recorded' ? ', the last of the days recorded on the summaries' : ''}`,
            json: JSON.stringify(outcome.notice, null, 2),
            downloadHref: `${base}.json?${query}`,
            bidHref: `/tenders/${encodeURIComponent(tender.reference)}/bids/${encodeURIComponent(outcome.winner.key)}`,
          }
        : null,
    });
  };
}
