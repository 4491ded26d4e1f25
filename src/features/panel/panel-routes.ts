import { Router } from 'express';
import type { AppDeps } from '../../app';

export function panelRoutes(deps: AppDeps): Router {
  void deps;
  return Router();
}
