// The printable invitation letter: staff make a new link (stopping the member's old one) and get
// it at once as a one-page letter with the link, its QR code and the short code, standard or
// easy read. The link's token is never stored, so the letter is shown on this response only.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderOf } from '../../middleware/tender-access';
import { invitationLetter, publicBase } from '../../services/invitation-letter';
import { issueInvitationWithMember } from '../../services/invitations';
import { formErrors } from '../form-errors';
import { memberHref, memberKey, noStore, renderManage } from './invitation-controller';
import { LetterForm } from './invitation-schema';

export function letterPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const form = LetterForm.safeParse(req.body);
    if (!form.success) return renderManage(deps, req, res, formErrors(form.error.issues.map((i) => ({ field: 'version', text: i.message }))));
    const tender = tenderOf(res);
    const actor = actorOf(res);
    const issued = await issueInvitationWithMember(deps.db, actor, tender, memberKey(req), deps.now());
    if (!issued) throw new HttpError(404);
    noStore(res);
    const base = publicBase(deps.config.configuredPublicUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
    const madeBy = actor.kind === 'staff' ? { name: actor.name, email: actor.email } : null;
    const version = form.data.version;
    const letter = await invitationLetter(deps.db, { tender, member: issued.member, link: issued.link, base, madeBy, ...(version ? { easyRead: version === 'easy-read' } : {}) });
    res.render('pages/invitations/letter', {
      pageTitle: `Invitation letter for ${letter.memberName}`,
      letter,
      memberHref: memberHref(tender.reference, issued.member.key),
      panelHref: `/tenders/${encodeURIComponent(tender.reference)}/panel`,
    });
  };
}
