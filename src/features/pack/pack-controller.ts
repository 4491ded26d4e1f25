// Renders a member's printable pack, standard or large print, with a link to switch between them.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import type { MemberRow, TenderRow } from '../../data/schema';
import { HttpError } from '../../middleware/errors';
import { scorerOf } from '../../middleware/scorer';
import { tenderOf } from '../../middleware/tender-access';
import { memberPack, packNotReady, printSize } from '../../services/pack';
import { findMember } from '../../services/panel';
import { askedSize } from './pack-schema';

interface PackPage {
  tender: TenderRow;
  member: MemberRow;
  /** The page's own address, without the query. */
  href: string;
  backHref: string;
  /** Staff see the tender's navigation and notes meant for them, never printed. */
  forStaff: boolean;
}

async function renderPack(deps: AppDeps, req: Request, res: Response, page: PackPage): Promise<void> {
  const pack = await memberPack(deps.db, page.tender, page.member);
  const size = printSize(page.member, askedSize(req.query));
  const large = size === 'large';
  res.render('pages/pack/pack', {
    pageTitle: `Printable pack for ${pack.memberName}: ${pack.tenderTitle}`,
    pack,
    large,
    switchHref: `${page.href}?size=${large ? 'standard' : 'large'}`,
    switchText: large ? 'Show the pack in standard print' : 'Show the pack in large print',
    forStaff: page.forStaff,
    backHref: page.backHref,
  });
}

/** The signed-in member's own pack, once scoring is open and they have declared any conflicts. */
export function ownPackGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const { tender, member } = scorerOf(res);
    const notReady = packNotReady(tender, member);
    if (notReady) {
      res.render('pages/pack/not-ready', { pageTitle: 'Your printable pack', notReady, backHref: '/panel' });
      return;
    }
    await renderPack(deps, req, res, { tender, member, href: '/panel/pack', backHref: '/panel', forStaff: false });
  };
}

/** A member's pack for the commissioner or a facilitator to print for them. */
export function memberPackGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const member = await findMember(deps.db, tender, String(req.params['memberKey']));
    if (!member) throw new HttpError(404);
    const panelHref = `${res.locals['tenderHref'] as string}/panel`;
    await renderPack(deps, req, res, { tender, member, href: `${panelHref}/${encodeURIComponent(member.key)}/pack`, backHref: panelHref, forStaff: true });
  };
}
