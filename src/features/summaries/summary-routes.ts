import { Router } from 'express';
import type { AppDeps } from '../../app';

export function summaryRoutes(deps: AppDeps): Router {
  void deps;
  return Router();
}
