// /code: a panel member types the short code from their letter and is signed in exactly as their
// link would sign them in (a new session, their kept words, their start page). Staff who are
// signed in are asked first, as with a link. A code that does not work is said on the form, in
// an error summary; guessing is limited with links (invitation-routes.ts).
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { formToken } from '../../middleware/csrf';
import { renderWithdrawn } from '../../middleware/scorer';
import { checkInvitation, redeemInvitation, withdrawalNotice, type Redeemed } from '../../services/invitations';
import { CODE_LENGTH, readTypedCode } from '../../services/short-codes';
import { formErrors } from '../form-errors';
import { noStore, startMemberSession } from './invitation-controller';
import { CodeForm } from './invitation-schema';

const view = 'pages/invitations/code';
const EXAMPLE = 'KQ4T-9WXM-7RBD';

export function codeGet() {
  return (req: Request, res: Response): void => {
    noStore(res);
    res.render(view, { pageTitle: 'Type the code from your letter', example: EXAMPLE, csrfToken: formToken(req) });
  };
}

/** What is wrong with a typed code, in plain words, or null when it has the shape of a code. */
function shapeProblem(typed: string): string | null {
  const read = readTypedCode(typed);
  if (read.ok) return null;
  switch (read.problem) {
    case 'empty':
      return 'Type the code from your letter';
    case 'characters':
      return `The code cannot have ${read.wrong.map((c) => `“${c}”`).join(' or ')} in it. Check the code on your letter. Codes use the numbers 2 to 9 and letters, but never A, E, I, L, O or U`;
    case 'length':
      return `You typed ${read.typed} letters and numbers. The code has ${CODE_LENGTH}. Check you have typed all of it, like ${EXAMPLE}`;
  }
}

function notWorking(redeemed: Exclude<Redeemed, { ok: true }>): { status: 404 | 410; text: string } {
  // As for links: "expired" is said; which of the other cases applies is not.
  if (redeemed.reason === 'expired') return { status: 410, text: 'This code has expired. Codes work for 60 days. Ask the person who invited you for a new letter' };
  return {
    status: redeemed.reason === 'unknown' ? 404 : 410,
    text: 'This code does not work. Check each letter and number against your letter. If it still does not work, ask the person who invited you for a new letter',
  };
}

function renderProblem(res: Response, status: number, code: string, text: string): void {
  res.status(status).render(view, { pageTitle: 'Error: Type the code from your letter', example: EXAMPLE, code, errors: formErrors([{ field: 'code', text }]) });
}

export function codePost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    noStore(res);
    const form = CodeForm.safeParse(req.body);
    const code = form.success ? form.data.code : '';
    const problem = form.success ? shapeProblem(code) : 'Type the code from your letter';
    if (problem) return renderProblem(res, 400, code, problem);
    const actor = actorOf(res);
    if (actor.kind === 'staff' && form.data?.confirm !== 'yes') {
      // Signed-in staff are asked before their session is replaced; nothing changes until they confirm.
      const checked = await checkInvitation(deps.db, { code }, deps.now());
      if (!checked.ok) {
        const { status, text } = notWorking(checked);
        return renderProblem(res, status, code, text);
      }
      res.render('pages/invitations/confirm-switch', { pageTitle: 'Use a panel member’s code?', staffName: actor.name, action: '/code', cancelHref: '/tenders', code });
      return;
    }
    const redeemed = await redeemInvitation(deps.db, { code }, deps.now());
    if (!redeemed.ok && redeemed.reason === 'withdrawn') {
      const notice = await withdrawalNotice(deps.db, redeemed.memberId);
      if (notice) return renderWithdrawn(res, notice);
    }
    if (!redeemed.ok) {
      const { status, text } = notWorking(redeemed);
      return renderProblem(res, status, code, text);
    }
    await startMemberSession(deps, req, res, redeemed);
  };
}
