import { Router } from 'express';

/** The glossary: the words we cannot avoid, explained plainly. Open to everyone. */
export function glossaryRoutes(): Router {
  const router = Router();
  router.get('/glossary', (_req, res) => res.render('pages/glossary/glossary', { pageTitle: 'Words we use' }));
  return router;
}
