// The messaging settings the controllers pass to the messages services.
import type { AppDeps } from '../../app';
import type { Messaging } from '../../services/messages/messages';

export const messagingOf = (deps: AppDeps): Messaging => ({ db: deps.db, mailer: deps.mailer ?? null, publicUrl: deps.config.publicUrl, reminderDays: deps.config.reminderDays });
