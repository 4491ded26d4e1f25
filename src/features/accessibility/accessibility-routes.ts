// The accessibility statement (Public Sector Bodies Accessibility Regulations 2018): open to
// everyone, linked from every page's footer. The contact comes from ACCESSIBILITY_CONTACT.
import { Router } from 'express';
import type { AppDeps } from '../../app';

export function accessibilityRoutes(deps: AppDeps): Router {
  const router = Router();
  const contact = deps.config.accessibilityContact;
  router.get('/accessibility', (_req, res) =>
    res.render('pages/accessibility/statement', {
      pageTitle: 'Accessibility statement',
      contact,
      contactIsEmail: contact !== undefined && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contact),
    }),
  );
  return router;
}
