// What an invitation letter says, for one member and the link just made for them: the link in
// full, its QR code (an SVG made here, on the server), the short code and where to type it, the
// day to send the scores by (the timetable's "scoring closes", when set), when the link stops,
// and who to contact. The printable letter (views/pages/invitations/letter.hbs) shows it; an
// invitation email can be built from the same object. A link's token is never stored, so a
// letter can only be made with a new link.
import QRCode from 'qrcode';
import type { Db } from '../data/database';
import { invitationRepository } from '../data/invitation-repository';
import type { MemberRow, TenderRow } from '../data/schema';
import type { IssuedLink } from './invitations';
import { needsEasyRead } from './pack';
import { dayText, ukDateText } from './uk-dates';

export interface LetterContact {
  name: string;
  email: string | null;
}

export interface InvitationLetter {
  memberName: string;
  tenderTitle: string;
  tenderReference: string;
  /** The link in full: the app's public address and /invite/<token>. */
  url: string;
  /** The short code, grouped for reading aloud: KQ4T-9WXM-7RBD. */
  code: string;
  /** Where the code is typed: the app's public address and /code. */
  codeUrl: string;
  /** The QR code of `url`, an SVG (role img, with a label) to put in a page as it is. */
  qrSvg: string;
  /** "5 March 2027": the day scoring closes, when the timetable has one (never once finalised). */
  sendBy: string | null;
  /** The tender is finalised: the link is to read what happened, answer the survey and claim, not to score. */
  finished: boolean;
  /** "22 January 2027": the link and the code work until this day (as the staff pages say). */
  linkExpires: string;
  /** Who to ask for help: the commissioner running the tender, or else the person who made the letter. */
  contact: LetterContact | null;
  easyRead: boolean;
}

/** The app's address without a trailing slash: PUBLIC_URL when set, else the address the request came to. */
export const publicBase = (publicUrl: string | undefined, requestOrigin: string): string => (publicUrl ?? requestOrigin).replace(/\/+$/, '');

/** The QR code of a text as an SVG for a page: an image with a label, sized by the page's CSS. */
export async function qrCodeSvg(text: string, label: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  const safeLabel = label.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return svg.replace('<svg ', `<svg role="img" aria-label="${safeLabel}" focusable="false" class="app-qr" `);
}

export interface LetterInput {
  tender: TenderRow;
  member: MemberRow;
  link: IssuedLink;
  /** The app's public address (publicBase). */
  base: string;
  /** The person making the letter, to contact when the tender has no owner. */
  madeBy: LetterContact | null;
  /** Standard or easy read; by default easy read for members whose access needs include it. */
  easyRead?: boolean;
}

export async function invitationLetter(db: Db, input: LetterInput): Promise<InvitationLetter> {
  const { tender, member, link, base } = input;
  const url = `${base}${link.path}`;
  const owner = await invitationRepository.tenderOfMember(db, member.id);
  const contact = owner?.owner_name ? { name: owner.owner_name, email: owner.owner_email } : input.madeBy;
  return {
    memberName: member.name,
    tenderTitle: tender.title,
    tenderReference: tender.reference,
    url,
    code: link.code,
    codeUrl: `${base}/code`,
    qrSvg: await qrCodeSvg(url, `QR code of the link for ${member.name}`),
    sendBy: tender.scoring_closes_on === null || tender.state === 'finalised' ? null : dayText(tender.scoring_closes_on),
    finished: tender.state === 'finalised',
    linkExpires: ukDateText(link.expiresAt),
    contact,
    easyRead: input.easyRead ?? needsEasyRead(member),
  };
}
