// The messages page (/tenders/:reference/messages): every message to a panel member, newest
// first, with whether it arrived; re-send (an email) or print (a letter); reminders due today.
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { actorOf } from '../../middleware/auth';
import { HttpError } from '../../middleware/errors';
import { tenderOf } from '../../middleware/tender-access';
import { actorLabel } from '../../services/actors';
import { publicBase } from '../../services/invitation-letter';
import { canSeeMessages, findMessage, hasWorkingLink, KIND_TEXT, letterOf, listMessages, messageActions, resendMessage } from '../../services/messages/message-list';
import type { Tally } from '../../services/messages/messages';
import { remindersDue, remindFrom, sendTenderReminders } from '../../services/messages/reminders';
import { dayText, ukDateText, ukToday } from '../../services/uk-dates';
import { memberHref, noStore } from '../invitations/invitation-controller';
import { messagingOf } from './messaging';

const MessageId = z.coerce.number().int().positive();

const STATUS: Record<string, { text: string; classes: string }> = {
  sending: { text: 'Sending', classes: 'govuk-tag--yellow' },
  sent: { text: 'Delivered', classes: 'govuk-tag--green' },
  failed: { text: 'Not delivered', classes: 'govuk-tag--red' },
  letter: { text: 'Letter to print', classes: 'govuk-tag--blue' },
};

const timeText = (iso: string): string => `${ukDateText(new Date(iso))}, ${new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(new Date(iso))}`;

function doneText(query: Request['query']): string | null {
  const n = (name: string) => Number(query[name] ?? 0) || 0;
  if (query['done'] === 'resent') return query['status'] === 'failed' ? 'The message was sent again, but the mail server did not take it. The error is in the list.' : query['status'] === 'letter' ? 'A new letter is ready to print.' : 'The message was sent again.';
  if (query['done'] === 'reminders') {
    const parts = [`${n('sent')} sent by email`, `${n('letters')} letters to print`, `${n('failed')} not delivered`];
    return n('sent') + n('letters') + n('failed') === 0 ? 'No reminders were due: everyone due one has had it, or has sent their scores.' : `Reminders: ${parts.join(', ')}.`;
  }
  return null;
}

const tallyQuery = (t: Tally): string => `sent=${t.sent}&letters=${t.letters}&failed=${t.failed}`;

async function messageOr404(deps: AppDeps, req: Request, res: Response) {
  const tender = tenderOf(res);
  if (!canSeeMessages(actorOf(res), tender)) throw new HttpError(404);
  const id = MessageId.safeParse(req.params['messageId']);
  const message = id.success ? await findMessage(deps.db, tender, id.data) : undefined;
  if (!message) throw new HttpError(404);
  return message;
}

export function messagesGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const href = `${res.locals['tenderHref'] as string}/messages`;
    const messages = await listMessages(deps.db, tender);
    const actions = await messageActions(messagingOf(deps), tender, messages);
    const days = deps.config.reminderDays;
    const closes = tender.scoring_closes_on;
    res.render('pages/messages/list', {
      pageTitle: `Messages: ${tender.title}`,
      tender,
      email: deps.mailer !== null && deps.mailer !== undefined,
      done: doneText(req.query),
      failedQuery: req.query['status'] === 'failed',
      remindersHref: `${href}/reminders`,
      remindersDue: remindersDue(tender, ukToday(deps.now()), days),
      reminderWhen: closes === null ? null : { from: dayText(remindFrom(closes, days)), closes: dayText(closes) },
      scoring: tender.state === 'scoring',
      rows: messages.map((m) => ({
        id: m.id,
        member: `${m.member_name} (${m.member_key})`,
        kind: KIND_TEXT[m.kind],
        easyRead: m.easy_read === 1,
        how: m.channel === 'email' ? `Email to ${m.to_address ?? ''}` : 'Letter',
        when: timeText(m.created_at),
        status: STATUS[m.status] ?? { text: m.status, classes: '' },
        error: m.error,
        resendOf: m.resend_of,
        resendHref: actions.get(m.id)?.resend ? `${href}/${m.id}/resend` : null,
        newLinkHref: actions.get(m.id)?.newLinkOnInvitationPage ? memberHref(tender.reference, m.member_key) : null,
        letterHref: m.channel === 'letter' && m.kind !== 'invitation' ? `${href}/${m.id}/letter` : null,
      })),
    });
  };
}

export function resendPost(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const message = await messageOr404(deps, req, res);
    const resent = await resendMessage(messagingOf(deps), actorOf(res), tender, message, deps.now);
    if (!resent.ok) {
      const invitationHref = memberHref(tender.reference, message.member_key);
      const why =
        resent.reason === 'stopped'
          ? `${message.member_name}’s link was stopped, or they are no longer on the panel, so nothing is sent to them.`
          : resent.reason === 'by-post'
            ? `${message.member_name} cannot be sent email now: they asked for post, their contact details are not an email address, or email is not set up. No new link was made, and their link works as before.`
            : 'This message cannot be written again now.';
      res.status(409).render('pages/messages/not-sent', {
        pageTitle: 'The message was not sent again',
        why,
        ...(resent.reason === 'by-post' ? { next: { href: invitationHref, text: `Make a new link or print a letter for ${message.member_name}` } } : {}),
        backHref: `${res.locals['tenderHref'] as string}/messages`,
      });
      return;
    }
    if ('link' in resent && resent.status === 'failed') {
      // The new link was made and the older one stopped, but the email did not go: show staff the link.
      noStore(res);
      const base = publicBase(deps.config.configuredPublicUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
      res.render('pages/invitations/issued', {
        pageTitle: `New link for ${resent.link.name}`,
        link: resent.link,
        url: `${base}${resent.link.path}`,
        codeUrl: `${base}/code`,
        expires: ukDateText(resent.link.expiresAt),
        emailed: { to: message.to_address ?? '', sent: false, error: resent.error },
        memberHref: memberHref(tender.reference, resent.link.key),
        finished: tender.state === 'finalised',
        panelHref: `/tenders/${encodeURIComponent(tender.reference)}/panel`,
      });
      return;
    }
    res.redirect(303, `${res.locals['tenderHref'] as string}/messages?done=resent&status=${resent.status}`);
  };
}

export function remindersPost(deps: AppDeps) {
  return async (_req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const tally = await sendTenderReminders(messagingOf(deps), tender, actorLabel(actorOf(res)), deps.now);
    res.redirect(303, `${res.locals['tenderHref'] as string}/messages?done=reminders&${tallyQuery(tally)}`);
  };
}

export function letterGet(deps: AppDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const tender = tenderOf(res);
    const message = await messageOr404(deps, req, res);
    const letter = await letterOf(messagingOf(deps), tender, message);
    if (!letter) throw new HttpError(404);
    res.render('pages/messages/letter', {
      pageTitle: `Letter to ${message.member_name}: ${letter.subject}`,
      tender,
      memberName: message.member_name,
      date: ukDateText(deps.now()),
      letter,
      easyRead: message.easy_read === 1,
      newLinkHref: message.kind === 'outcome' && !(await hasWorkingLink(deps.db, message.member_id, deps.now())) ? memberHref(tender.reference, message.member_key) : null,
      backHref: `${res.locals['tenderHref'] as string}/messages`,
    });
  };
}
