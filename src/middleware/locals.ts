// The only place res.locals is written (besides auth's actor): what every page needs.
import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import { actorOf } from './auth';

export const SERVICE_NAME = 'Evaluate a care tender';

export const cspNonce: RequestHandler = (_req, res, next) => {
  res.locals['cspNonce'] = randomBytes(16).toString('base64');
  next();
};

export const pageLocals: RequestHandler = (req, res, next) => {
  const actor = actorOf(res);
  const item = (href: string, text: string, exact = false) => ({ href, text, active: req.path === href || (!exact && req.path.startsWith(`${href}/`)) });
  const panel = [item('/panel', 'Home', true), item('/panel/tasks', 'Your scores'), item('/panel/contribution', 'Your contribution'), item('/glossary', 'Words we use')];
  res.locals['serviceName'] = SERVICE_NAME;
  res.locals['signedIn'] = actor.kind !== 'anonymous';
  res.locals['actorName'] = actor.kind === 'anonymous' ? null : actor.name;
  res.locals['staffRole'] = actor.kind === 'staff' ? actor.role : null;
  res.locals['navigation'] =
    actor.kind === 'staff'
      ? actor.role === 'admin'
        ? [item('/accounts', 'Accounts'), item('/glossary', 'Words we use')]
        : [item('/tenders', 'Tenders'), item('/rubrics', 'Rubrics'), item('/glossary', 'Words we use')]
      : actor.kind === 'panel'
        ? panel
        : [];
  next();
};
