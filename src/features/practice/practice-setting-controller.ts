// The commissioner's choice for a tender's practice round (/tenders/:reference/practice): off,
// offered, or expected (members are asked to practise first, and may still go on without).
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { tenderOf } from '../../middleware/tender-access';
import type { PracticeMode } from '../../data/schema';
import { practiceItems, setPracticeMode } from '../../services/practice/practice';
import { assertNotFinalised } from '../../services/tender-rules';
import { formErrors, type FormErrors } from '../form-errors';
import { PracticeModeForm } from './practice-schema';

export const MODE_WORDS: Record<PracticeMode, { text: string; hint: string }> = {
  off: { text: 'Off', hint: 'Members are not offered a practice round.' },
  offered: { text: 'Offered', hint: 'Members see that they can practise first, if they would like to.' },
  expected: {
    text: 'Expected',
    hint: 'Members are asked to practise before they score. It is never a block: anyone who would rather not can still go on to their scores.',
  },
};

const settingHref = (res: Response) => `${res.locals['tenderHref'] as string}/practice`;

function renderSetting(req: Request, res: Response, chosen: string, errors?: FormErrors): void {
  const tender = tenderOf(res);
  const items = practiceItems(tender);
  const title = 'Practice round';
  res.status(errors ? 400 : 200).render('pages/practice/setting', {
    pageTitle: `${errors ? 'Error: ' : ''}${title}: ${tender.title}`,
    title,
    tender,
    backHref: `${res.locals['tenderHref'] as string}/panel`,
    finalised: tender.state === 'finalised',
    saved: req.query['done'] === 'saved' && !errors,
    current: MODE_WORDS[tender.practice].text,
    count: items.length,
    criteria: [...new Set(items.map((i) => i.criterionOf.title))],
    action: settingHref(res),
    errors,
    modeItems: (Object.keys(MODE_WORDS) as PracticeMode[]).map((mode) => ({ value: mode, text: MODE_WORDS[mode].text, hint: { text: MODE_WORDS[mode].hint }, checked: chosen === mode })),
  });
}

export function practiceSettingGet() {
  return (req: Request, res: Response): void => renderSetting(req, res, tenderOf(res).practice);
}

export function practiceSettingPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    assertNotFinalised(tender, 'The practice round');
    const form = PracticeModeForm.safeParse(req.body);
    if (!form.success) {
      renderSetting(req, res, '', formErrors(form.error.issues.map((i) => ({ field: 'mode', text: i.message }))));
      return;
    }
    await setPracticeMode(deps.db, actorOf(res), tender, form.data.mode, deps.now());
    res.redirect(303, `${settingHref(res)}?done=saved`);
  };
}
