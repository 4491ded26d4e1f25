import { Router } from 'express';
import type { AppDeps } from '../../app';

export function bidRoutes(deps: AppDeps): Router {
  void deps;
  return Router();
}
