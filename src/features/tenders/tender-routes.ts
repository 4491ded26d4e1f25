import { Router } from 'express';
import { requireRecentSignIn } from '../../middleware/recent-sign-in';
import type { AppDeps } from '../../app';
import { requireStaff } from '../../middleware/auth';
import { tenderAccess } from '../../middleware/tender-access';
import { lightTouchGet, lightTouchPost } from './light-touch-controller';
import { tenderGet, tenderListGet, tenderRubricGet } from './tender-controller';
import { packArrivesFinalised } from '../../services/tender-setup';
import { tenderOwnerGet, tenderOwnerPost } from './tender-owner-controller';
import { tenderNewGet, tenderNewPost, tenderStateGet, tenderStatePost, tenderUploadGet, tenderUploadPost } from './tender-setup-controller';

export function tenderRoutes(deps: AppDeps): Router {
  const router = Router();
  const staff = requireStaff('commissioner', 'procurement', 'facilitator');
  const commissioner = requireStaff('commissioner');
  const tender = tenderAccess(deps.db);

  router.get('/tenders', staff, tenderListGet(deps));
  // The words after /tenders/ here are reserved: no tender may have one as its reference
  // (RESERVED_REFERENCES in services/tender-import.ts; tender-setup.test.ts checks the two agree).
  router.get('/tenders/new', commissioner, tenderNewGet(deps));
  router.post('/tenders', commissioner, tenderNewPost(deps));
  router.get('/tenders/upload', commissioner, tenderUploadGet);
  // The CSRF token of this multipart form travels in its action URL (see middleware/csrf.ts).
  // The file was read before the CSRF check (pack-upload.ts). A pack that arrives finalised
  // finalises its tender, so it asks for a recent sign-in as finalising does; the upload page is
  // shown again after, to choose the file again (nothing was imported).
  const arrivingFinalised = requireRecentSignIn(
    deps.now,
    () => '/tenders/upload',
    (req) => req.file !== undefined && packArrivesFinalised({ name: req.file.originalname, text: req.file.buffer.toString('utf8') }),
  );
  router.post('/tenders/upload', commissioner, arrivingFinalised, tenderUploadPost(deps));
  router.get('/tenders/:reference', staff, tender, tenderGet(deps));
  router.get('/tenders/:reference/rubric', staff, tender, tenderRubricGet);
  router.get('/tenders/:reference/light-touch', commissioner, tender, lightTouchGet);
  router.post('/tenders/:reference/light-touch', commissioner, tender, lightTouchPost(deps));
  router.get('/tenders/:reference/state', commissioner, tender, tenderStateGet(deps));
  // Finalising asks for a sign-in in the last 15 minutes; the stage page is shown again after.
  const finalising = requireRecentSignIn(deps.now, (req) => `/tenders/${encodeURIComponent(String(req.params['reference']))}/state`, (req) => (req.body as Record<string, unknown> | undefined)?.['to'] === 'finalised');
  router.post('/tenders/:reference/state', commissioner, tender, finalising, tenderStatePost(deps));
  // Handing a tender to another commissioner: an admin, or the commissioner who owns it (checked
  // per tender in the controller and again in the write); the page is shown again after confirming.
  const handOver = requireStaff('commissioner', 'admin');
  const recentHandOver = requireRecentSignIn(deps.now, (req) => `/tenders/${encodeURIComponent(String(req.params['reference']))}/owner`);
  router.get('/tenders/:reference/owner', handOver, tender, tenderOwnerGet(deps));
  router.post('/tenders/:reference/owner', handOver, tender, recentHandOver, tenderOwnerPost(deps));
  return router;
}
