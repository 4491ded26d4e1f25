// Sending email: nodemailer over SMTP_URL. The messages service records every attempt; this only
// hands one message to the mail server and says whether it took it.
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Resolves once the mail server accepted the message; rejects with its answer otherwise. */
  send(mail: OutgoingMail): Promise<void>;
}

export function smtpMailer(smtp: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(smtp.url);
  return {
    async send(mail) {
      await transport.sendMail({ from: smtp.from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
