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

/**
 * The invitation with its link. Once the tender is finalised (`finished`) scoring is closed: a new
 * link is for reading what happened, the survey and the member's claim, and says so.
 */
export function invitationMessage(a: Addressee, link: { url: string; expires: string }, finished = false): MessageText {
  if (finished) return newLinkAfterScoring(a, link);
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

function newLinkAfterScoring(a: Addressee, link: { url: string; expires: string }): MessageText {
  if (a.easyRead) {
    return {
      subject: `Your new link: ${a.tenderTitle}`,
      paragraphs: [
        `Hello ${a.memberName}.`,
        `The scoring for ${a.tenderTitle} has finished. Thank you for your help.`,
        'Here is a new link. Use it to see what happened. You can tell us what it was like. You can ask to be paid for your time.',
        `Open this link: ${link.url}`,
        'You do not need a password.',
        `The link works until ${link.expires}.`,
        'The link is just for you. Please do not give it to anyone else.',
        ...help(a),
      ],
    };
  }
  return {
    subject: `Your new link for ${a.tenderTitle}`,
    paragraphs: [
      `Dear ${a.memberName},`,
      `Scoring for ${a.tenderTitle} has finished: thank you for taking part. This new link lets you read what happened, tell us what taking part was like, and see your time and any payment claim. Scores can no longer be changed.`,
      `Open this link. You do not need a password: ${link.url}`,
      `The link works until ${link.expires}. Please do not share it: it is just for you.`,
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

/** What the member's part in the final scores was, in their words: true also when none counted. */
export function finalScoresWords(finalScores: number, easyRead: boolean): string[] {
  if (easyRead) {
    if (finalScores === 0) return ['None of your scores were used this time.', 'This can happen. For example, when you could not score a bid, or a bid was taken out.'];
    const scores = finalScores === 1 ? '1 final score' : `${finalScores} final scores`;
    return [`Your scores helped make ${scores}.`, 'A final score is the score one organisation got for one question. The panel’s scores make it.'];
  }
  if (finalScores === 0) return ['None of your scores counted in the final scores. Scores are not counted for a bid you declared a conflict of interest with, for a question you chose not to score, or for a bid that was withdrawn.'];
  return [`Your scores were part of ${finalScores === 1 ? '1 final score' : `${finalScores} final scores`}.`];
}

/** The thanks: "your scores helped decide" only when some of their scores counted. */
export const thanksWords = (finalScores: number, easyRead: boolean): string =>
  easyRead
    ? finalScores > 0
      ? 'Thank you for your help. What you said made a difference.'
      : 'Thank you for your help.'
    : finalScores > 0
      ? 'Thank you for taking part. Your scores and your reasons helped decide who runs this service.'
      : 'Thank you for taking part and for the time you gave.';

/**
 * What happened. `newLink`: the member had no working link (it expired), so this message carries a
 * new one to read it again and answer the survey.
 */
export function outcomeMessage(a: Addressee, o: OutcomeFacts, newLink: { url: string; expires: string } | null = null): MessageText {
  if (a.easyRead) {
    return {
      subject: `What happened: ${a.tenderTitle}`,
      paragraphs: [
        `Hello ${a.memberName}.`,
        `The choice for ${a.tenderTitle} has been made.`,
        o.winner ? `${o.winner} will run the service.` : 'No organisation was chosen this time.',
        ...finalScoresWords(o.finalScores, true),
        `You said, we did: ${o.youSaidWeDid}`,
        thanksWords(o.finalScores, true),
        ...(newLink
          ? ['Your old link does not work any more. Here is a new one.', `You can tell us what it was like. You do not give your name. Open this link: ${newLink.url}`, `The new link works until ${newLink.expires}. It is just for you.`]
          : [`You can tell us what it was like. You do not give your name. Go to ${o.outcomeUrl}`]),
        ...help(a),
      ],
    };
  }
  return {
    subject: `What happened: ${a.tenderTitle}`,
    paragraphs: [
      `Dear ${a.memberName},`,
      `The evaluation of ${a.tenderTitle} has finished. ${o.winner ? `The contract is awarded to ${o.winner}.` : 'No contract was awarded.'}`,
      ...finalScoresWords(o.finalScores, false),
      `You said, we did: ${o.youSaidWeDid}`,
      thanksWords(o.finalScores, false),
      newLink
        ? `Your earlier link has stopped working, so here is a new one. With it you can read this again, tell us what taking part was like in a short survey that does not record your name, and see your time and any payment claim: ${newLink.url} (it works until ${newLink.expires}; please do not share it).`
        : `You can read this again, and tell us what taking part was like in a short survey that does not record your name, at ${o.outcomeUrl} (open the link from your invitation first if you are not signed in).`,
      ...help(a),
    ],
  };
}

export const mailText = (m: MessageText): string => `${m.paragraphs.join('\n\n')}\n`;
