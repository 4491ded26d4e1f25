import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { HttpError } from '../../middleware/errors';
import { rubricView } from '../../services/rubric-view';

export function rubricListGet(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const entries = await deps.rubrics.list();
    const rubrics = [];
    const problems = [];
    for (const entry of entries) {
      const loaded = await deps.rubrics.load(entry.id);
      if (loaded?.ok) rubrics.push({ ...rubricView(loaded.rubric), href: `/rubrics/${entry.id}` });
      else if (loaded) problems.push({ id: entry.id, problems: loaded.problems.map((p) => `${p.path}: ${p.message}`) });
    }
    res.render('pages/rubrics/list', { pageTitle: 'Rubrics', rubrics, problems });
  };
}

export function rubricGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const loaded = await deps.rubrics.load(String(req.params['id']));
    if (!loaded) throw new HttpError(404);
    if (!loaded.ok) {
      res.status(422).render('pages/rubrics/invalid', { pageTitle: 'This rubric has problems', id: req.params['id'], problems: loaded.problems });
      return;
    }
    const rubric = rubricView(loaded.rubric);
    res.render('pages/rubrics/show', { pageTitle: rubric.title, rubric, caption: 'Published rubric', backHref: '/rubrics' });
  };
}
