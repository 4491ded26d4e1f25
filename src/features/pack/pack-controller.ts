// Renders a member's printable pack, standard or large print, with a link to switch between them.
// The score sheets list the scale as the score page does (highest first, the same words, then
// "I cannot score this" with the same hint), so a facilitator copying a paper score into the
// screen with the member reads the same thing in the same place. For a member who reads easy
// read, each sheet leads with the question in plain words, and the pack is in large print.
import type { Request, Response } from 'express';
import type { AppDeps } from '../../app';
import type { MemberRow, TenderRow } from '../../data/schema';
import { HttpError } from '../../middleware/errors';
import { scorerOf } from '../../middleware/scorer';
import { tenderOf } from '../../middleware/tender-access';
import { memberPack, needsEasyRead, packNotReady, printSize, type MemberPack } from '../../services/pack';
import { findMember } from '../../services/panel';
import { rubricOf } from '../../services/results/results';
import { memberDeadlineOf } from '../../services/timetable/timetable';
import { easyReadOf, scaleItems } from '../scoring/scoring-view';
import { wordsUsedIn } from './pack-glossary';
import { askedBid, askedSize } from './pack-schema';

interface PackPage {
  tender: TenderRow;
  member: MemberRow;
  /** Whether the sheets lead with the plain words (easy read). */
  easyRead: boolean;
  /** The page's own address, without the query. */
  href: string;
  backHref: string;
  /** Staff see the tender's navigation and notes meant for them, never printed. */
  forStaff: boolean;
}

/** Ruled lines for the reason: as many as fit on the score sheet's page with everything else. */
const REASON_LINES = { standard: 6, large: 12 } as const;

/**
 * Words of the glossary that the pack's own wording always prints (views/pages/pack/pack.hbs),
 * whatever the bids and the questions say: the cover, the headings and the score sheet.
 */
const PACK_WORDING = {
  standard: 'Tender reference. Other panel members. The outcome for people. What the bid says. I cannot score this. Your reason.',
  easyRead: 'Tender reference. Other panel members. The full question the organisations answered. What the bid says. I cannot score this. Your reason.',
};

/** The scale as the easy-read score page lists it, which is the plain meaning of each point: one tick box each. */
function scoreChoices(tender: TenderRow) {
  const items = scaleItems(rubricOf(tender), true, null).flatMap((item) => ('value' in item ? [{ value: item.value, text: item.text, hint: item.hint.text }] : []));
  const points = items.filter((i) => i.value !== 'abstain');
  return { points, abstain: items.find((i) => i.value === 'abstain'), lowest: points.at(-1)?.value, highest: points[0]?.value };
}

/** Everything the pack prints that may hold a word of the glossary. */
const printedTexts = (pack: MemberPack, easyRead: boolean, choices: ReturnType<typeof scoreChoices>): string[] => [
  easyRead ? PACK_WORDING.easyRead : PACK_WORDING.standard,
  pack.tenderTitle,
  ...choices.points.flatMap((p) => [p.text, p.hint]),
  ...(choices.abstain ? [choices.abstain.hint] : []),
  ...pack.sheets.flatMap((s) => [s.bid.name, s.criterion.title, s.criterion.outcome, s.criterion.question, s.criterion.guidance, s.criterion.plain, ...s.response]),
];

async function renderPack(deps: AppDeps, req: Request, res: Response, page: PackPage): Promise<void> {
  const pack = await memberPack(deps.db, page.tender, page.member, askedBid(req.query));
  if (!pack) throw new HttpError(404);
  const size = printSize(page.member, askedSize(req.query), page.easyRead);
  const large = size === 'large';
  // Links keep the print size asked for, and the bid chosen.
  const query = (params: Record<string, string | undefined>) => {
    const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString();
    return q === '' ? page.href : `${page.href}?${q}`;
  };
  const sizeNow = askedSize(req.query);
  const choices = scoreChoices(page.tender);
  res.render('pages/pack/pack', {
    pageTitle: `Printable pack for ${pack.memberName}: ${pack.tenderTitle}`,
    pack,
    large,
    easyRead: page.easyRead,
    choices,
    reasonLines: Array.from({ length: REASON_LINES[size] }, (_v, i) => i),
    words: pack.sheets.length > 0 ? wordsUsedIn(printedTexts(pack, page.easyRead, choices)) : [],
    switchHref: query({ size: large ? 'standard' : 'large', bid: pack.only?.key }),
    bidChoices: pack.chooseBid ? pack.bids.map((b) => ({ ...b, href: query({ size: sizeNow, bid: b.key }) })) : [],
    chooseHref: query({ size: sizeNow }),
    switchText: large ? 'Show the pack in standard print' : 'Show the pack in large print',
    forStaff: page.forStaff,
    backHref: page.backHref,
    // When to send the scores by (the timetable), printed on the cover.
    deadline: await memberDeadlineOf(deps.db, page.tender, page.member, deps.now()),
  });
}

/** The signed-in member's own pack, once scoring is open and they have declared any conflicts. Easy read when their score pages are. */
export function ownPackGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const scorer = scorerOf(res);
    const { tender, member } = scorer;
    const notReady = packNotReady(tender, member);
    if (notReady) {
      res.render('pages/pack/not-ready', { pageTitle: 'Your printable pack', notReady, backHref: '/panel' });
      return;
    }
    await renderPack(deps, req, res, { tender, member, easyRead: easyReadOf(res, scorer), href: '/panel/pack', backHref: '/panel', forStaff: false });
  };
}

/** A member's pack for the commissioner or a facilitator to print for them: easy read when their access needs say so. */
export function memberPackGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const member = await findMember(deps.db, tender, String(req.params['memberKey']));
    if (!member) throw new HttpError(404);
    const panelHref = `${res.locals['tenderHref'] as string}/panel`;
    await renderPack(deps, req, res, {
      tender,
      member,
      easyRead: needsEasyRead(member),
      href: `${panelHref}/${encodeURIComponent(member.key)}/pack`,
      backHref: panelHref,
      forStaff: true,
    });
  };
}
