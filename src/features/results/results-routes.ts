import { Router } from 'express';
import type { AppDeps } from '../../app';

export function resultsRoutes(deps: AppDeps): Router {
  void deps;
  return Router();
}
