import { Router } from 'express';
import type { AppDeps } from '../../app';

export function exportRoutes(deps: AppDeps): Router {
  void deps;
  return Router();
}
