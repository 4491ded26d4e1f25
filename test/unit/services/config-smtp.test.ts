import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../../src/config';

const refused = (env: Record<string, string>, message: RegExp) =>
  assert.throws(() => loadConfig({ NODE_ENV: 'test', ...env }), (e: unknown) => e instanceof ConfigError && message.test(e.message));

describe('config: email to panel members', () => {
  it('is off without SMTP_URL (messages are letters), with reminders 3 days before and links to localhost', () => {
    const c = loadConfig({ NODE_ENV: 'test', PORT: '4000' });
    assert.equal(c.smtp, null);
    assert.equal(c.reminderDays, 3);
    assert.equal(c.publicUrl, 'http://localhost:4000');
  });

  it('reads the server, the sender and the reminder days, with links to PUBLIC_URL', () => {
    const c = loadConfig({ NODE_ENV: 'test', SMTP_URL: 'smtps://u:p@mail.example:465', MAIL_FROM: 'Tenders <t@council.example>', REMINDER_DAYS: '5', PUBLIC_URL: 'https://tenders.example/' });
    assert.deepEqual(c.smtp, { url: 'smtps://u:p@mail.example:465', from: 'Tenders <t@council.example>' });
    assert.equal(c.reminderDays, 5);
    assert.equal(c.publicUrl, 'https://tenders.example');
  });

  it('refuses SMTP_URL without PUBLIC_URL, an address that is not SMTP, and reminder days out of range', () => {
    refused({ SMTP_URL: 'smtp://mail.example' }, /PUBLIC_URL: is missing; email to panel members/);
    refused({ SMTP_URL: 'http://mail.example', PUBLIC_URL: 'https://t.example' }, /SMTP_URL: must be an SMTP address/);
    refused({ REMINDER_DAYS: '45' }, /REMINDER_DAYS: must be from 0 to 30 days/);
    refused({ REMINDER_DAYS: 'soon' }, /REMINDER_DAYS: must be a number of days/);
  });

  it('says what a port and an hourly rate must be, once, in words', () => {
    refused({ PORT: 'abc' }, /PORT: must be a port number from 1 to 65535, such as 3000/);
    refused({ PORT: '70000' }, /PORT: must be a port number from 1 to 65535/);
    try {
      loadConfig({ NODE_ENV: 'test', INVOLVEMENT_HOURLY_RATE: '£15' });
      assert.fail('£15 was taken');
    } catch (e) {
      assert.ok(e instanceof ConfigError);
      assert.deepEqual(e.problems.map((p) => `${p.path}: ${p.message}`), ['INVOLVEMENT_HOURLY_RATE: must be pounds and pence with no £ sign, like 15 or 12.60']);
    }
    refused({ INVOLVEMENT_HOURLY_RATE: '1500' }, /INVOLVEMENT_HOURLY_RATE: must be 1000 or less/);
  });
});
