// What each message to a panel member says, in plain words, and in easy read for members who need
// it: one short sentence a line. The same paragraphs make the email and the printable letter.
// The invitation's words live in one place (invitationMessage), so a short code can be added to
// them later.
import { dayText } from '../uk-dates';

export interface MessageText {
  subject: string;
  paragraphs: string[];
}

export interface Addressee {
  memberName: string;
  tenderTitle: string;
  /** Who the member asks for help (the commissioner running the tender), if known. */
  contactName: string | null;
  easyRead: boolean;
}

const help = (a: Addressee): string[] =>
  a.easyRead
    ? [a.contactName ? `Need help? Ask ${a.contactName}.` : 'Need help? Ask the person who invited you.']
    : [a.contactName ? `If you need help, or anything is not clear, please contact ${a.contactName}.` : 'If you need help, or anything is not clear, please contact the person who invited you.'];

export function invitationMessage(a: Addressee, link: { url: string; expires: string }): MessageText {
  if (a.easyRead) {
    return {
      subject: `Please help choose who runs ${a.tenderTitle}`,
      paragraphs: [
        `Hello ${a.memberName}.`,
        `We would like you to help choose who will run ${a.tenderTitle}.`,
        'You will read what each organisation wrote. Then you give it a score.',
        `To start, open this link: ${link.url}`,
        'You do not need a password.',
        `The link works until ${link.expires}.`,
        'The link is just for you. Please do not give it to anyone else.',
        ...help(a),
      ],
    };
  }
  return {
    subject: `You are invited to score the bids for ${a.tenderTitle}`,
    paragraphs: [
      `Dear ${a.memberName},`,
      `You are invited to join the panel that scores the bids for ${a.tenderTitle}.`,
      `Open this link to start. You do not need a password: ${link.url}`,
      `The link works until ${link.expires}. Use it again to come back. Please do not share it: it is just for you.`,
      ...help(a),
    ],
  };
}

export function reminderMessage(a: Addressee, closesOn: string, panelUrl: string): MessageText {
  const day = dayText(closesOn);
  if (a.easyRead) {
    return {
      subject: `Please send your scores by ${day}`,
      paragraphs: [
        `Hello ${a.memberName}.`,
        `Please send your scores for ${a.tenderTitle} by ${day}.`,
        'You have not sent all of them yet.',
        'Your work is saved.',
        `Use the link in your invitation to carry on. Or go to ${panelUrl} if you are still signed in.`,
        ...help(a),
      ],
    };
  }
  return {
    subject: `Reminder: please send your scores for ${a.tenderTitle} by ${day}`,
    paragraphs: [
      `Dear ${a.memberName},`,
      `Scoring for ${a.tenderTitle} closes on ${day}. You have not sent all your scores yet.`,
      `Everything you have done is saved. Open the link from your invitation to carry on, or go to ${panelUrl} if you are still signed in.`,
      `If you cannot send them by ${day}, that is all right: please tell us, so we can help.`,
      ...help(a),
    ],
  };
}

export function reopenedMessage(a: Addressee, count: number, reason: string, panelUrl: string): MessageText {
  const scores = count === 1 ? '1 of your scores' : `${count} of your scores`;
  if (a.easyRead) {
    return {
      subject: `Please look again at ${scores}`,
      paragraphs: [
        `Hello ${a.memberName}.`,
        `The panel talked about the scores for ${a.tenderTitle}.`,
        `They would like you to look again at ${scores}.`,
        `This is why: ${reason}`,
        'You can change a score, or keep it. Then send it again.',
        `Use the link in your invitation. Or go to ${panelUrl} if you are still signed in.`,
        ...help(a),
      ],
    };
  }
  return {
    subject: `Please look again at ${scores} for ${a.tenderTitle}`,
    paragraphs: [
      `Dear ${a.memberName},`,
      `At moderation, the panel talked about the scores for ${a.tenderTitle} and asked you to look again at ${scores}.`,
      `The reason given: ${reason}`,
      `You may change them or keep them as they are; then send them again. Open the link from your invitation, or go to ${panelUrl} if you are still signed in.`,
      ...help(a),
    ],
  };
}

export interface OutcomeFacts {
  /** The organisation awarded the contract; null when none was. */
  winner: string | null;
  /** How many final scores the member's scores were part of. */
  finalScores: number;
  youSaidWeDid: string;
  outcomeUrl: string;
}

export function outcomeMessage(a: Addressee, o: OutcomeFacts): MessageText {
  const scores = o.finalScores === 1 ? '1 final score' : `${o.finalScores} final scores`;
  if (a.easyRead) {
    return {
      subject: `What happened: ${a.tenderTitle}`,
      paragraphs: [
        `Hello ${a.memberName}.`,
        `The choice for ${a.tenderTitle} has been made.`,
        o.winner ? `${o.winner} will run the service.` : 'No organisation was chosen this time.',
        `Your scores helped make ${scores}.`,
        `You said, we did: ${o.youSaidWeDid}`,
        'Thank you for your help.',
        `You can tell us what it was like for you. You do not give your name. Go to ${o.outcomeUrl}`,
        ...help(a),
      ],
    };
  }
  return {
    subject: `What happened: ${a.tenderTitle}`,
    paragraphs: [
      `Dear ${a.memberName},`,
      `The evaluation of ${a.tenderTitle} has finished. ${o.winner ? `The contract is awarded to ${o.winner}.` : 'No contract was awarded.'}`,
      `Your scores were part of ${scores}.`,
      `You said, we did: ${o.youSaidWeDid}`,
      'Thank you for taking part. Your scores and your reasons helped decide who runs this service.',
      `You can read this again, and tell us what taking part was like in a short survey that does not record your name, at ${o.outcomeUrl} (open the link from your invitation first if you are not signed in).`,
      ...help(a),
    ],
  };
}

export const mailText = (m: MessageText): string => `${m.paragraphs.join('\n\n')}\n`;
