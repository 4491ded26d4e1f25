// Payment claims. Members (or a facilitator with them) choose how they are paid, claim and print
// their claim form under /panel/claim, withdrawn members too; staff who can see a tender read its claims and each
// member's claim form; a commissioner approves; procurement or a commissioner marks paid.
import { Router, type RequestHandler } from 'express';
import type { AppDeps } from '../../app';
import { actorOf, requireStaff } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { requireScorer } from '../../middleware/scorer';
import { tenderAccess, tenderOf } from '../../middleware/tender-access';
import { mayApproveClaims, mayMarkPaid } from '../../services/claims/claims';
import { advanceGet, advancePost, choiceGet, choicePost, claimGet, claimPost, memberFormGet, CLAIM } from './member-claim-controller';
import { advancePaidPost, approvePost, claimsListGet, memberClaimGet, paidPost } from './staff-claim-controller';

/** Per object: this actor may approve this tender's claims (403 otherwise). */
const mayApprove: RequestHandler = (_req, res, next) => {
  if (!mayApproveClaims(actorOf(res), tenderOf(res))) throw new HttpError(403);
  next();
};
/** Per object: this actor may mark this tender's claims paid (403 otherwise). */
const mayPay: RequestHandler = (_req, res, next) => {
  if (!mayMarkPaid(actorOf(res), tenderOf(res))) throw new HttpError(403);
  next();
};

export function claimRoutes(deps: AppDeps): Router {
  const router = Router();
  // A member withdrawn from the panel is still paid for the time they gave (a facilitator helps them claim).
  const scorer = requireScorer(deps.db, { withdrawn: 'may-claim' });
  const staff = requireStaff('commissioner', 'procurement', 'facilitator');
  const tender = tenderAccess(deps.db);
  router.get(CLAIM, scorer, claimGet(deps));
  router.post(CLAIM, scorer, claimPost(deps));
  router.get(`${CLAIM}/choice`, scorer, choiceGet(deps));
  router.post(`${CLAIM}/choice`, scorer, choicePost(deps));
  router.get(`${CLAIM}/form`, scorer, memberFormGet(deps));
  router.get(`${CLAIM}/advance`, scorer, advanceGet(deps));
  router.post(`${CLAIM}/advance`, scorer, advancePost(deps));
  router.get('/tenders/:reference/claims', staff, tender, claimsListGet(deps));
  router.get('/tenders/:reference/claims/:memberKey', staff, tender, memberClaimGet(deps));
  router.post('/tenders/:reference/claims/:memberKey/approve', staff, tender, mayApprove, approvePost(deps));
  router.post('/tenders/:reference/claims/:memberKey/paid', staff, tender, mayPay, paidPost(deps));
  router.post('/tenders/:reference/claims/:memberKey/advance-paid', staff, tender, mayPay, advancePaidPost(deps));
  return router;
}
