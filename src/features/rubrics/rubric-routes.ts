import { Router } from 'express';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { rubricGet, rubricListGet } from './rubric-controller';

export function rubricRoutes(deps: AppDeps): Router {
  const router = Router();
  const staff = requireStaff('commissioner', 'procurement', 'facilitator');
  router.get('/rubrics', staff, rubricListGet(deps));
  router.get('/rubrics/:id', staff, rubricGet(deps));
  return router;
}
