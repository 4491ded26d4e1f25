import { Router } from 'express';
import type { AppDeps } from '../../app';

export function moderationRoutes(deps: AppDeps): Router {
  void deps;
  return Router();
}
