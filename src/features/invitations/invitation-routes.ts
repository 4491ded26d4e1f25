import { Router } from 'express';
import type { AppDeps } from '../../app';

export function invitationRoutes(deps: AppDeps): Router {
  void deps;
  return Router();
}
