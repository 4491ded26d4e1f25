// The second factor for local accounts: TOTP (RFC 6238: SHA-1, 6 digits, 30 seconds, one step of
// clock drift either way), set up at the first sign-in, and ten single-use recovery codes. A code
// is accepted once: the account keeps the last step taken, and only a later step is accepted.
import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Db } from '../../data/database';
import { recoveryCodeRepository } from '../../data/recovery-code-repository';
import { userRepository } from '../../data/user-repository';
import { writeTransaction } from '../../data/write-transaction';
import { recordEvent } from '../audit';

export const ISSUER = 'Evaluate a care tender';
const PERIOD = 30;
const RECOVERY_CODES = 10;
/** Recovery codes use letters and digits that cannot be mistaken for each other. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

const totpFor = (secret: string, email: string): TOTP =>
  new TOTP({ issuer: ISSUER, label: email, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

export interface TotpSetUp {
  /** The secret in groups of four, to type into an app by hand. */
  secretText: string;
  /** The QR code, as an SVG made here (no request leaves the server or the browser). */
  qrSvg: string;
}

export async function totpSetUp(secret: string, email: string): Promise<TotpSetUp> {
  const qrSvg = await QRCode.toString(totpFor(secret, email).toString(), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secretText: secret.replace(/(.{4})/g, '$1 ').trim(), qrSvg };
}

/** The 30-second step a code belongs to, or null when it is no code of this secret near now. */
export function totpStep(secret: string, email: string, code: string, now: Date): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secret, email).validate({ token, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

const normaliseRecoveryCode = (code: string): string => code.toLowerCase().replace(/[^a-z0-9]/g, '');
const hashRecoveryCode = (code: string): string => createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');

/** Ten new codes like "k7mq2-x9tbn" (50 bits each). */
function makeRecoveryCodes(): string[] {
  const one = () => Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return Array.from({ length: RECOVERY_CODES }, () => one().replace(/^(.{5})/, '$1-'));
}

export type SetUpOutcome = { ok: true; recoveryCodes: string[] } | { ok: false };

/**
 * Confirms the app with a code from it: stores the secret, takes the code's step and makes the
 * recovery codes (only their hashes are stored; the codes are returned to be shown once).
 */
export async function confirmTotp(db: Db, userId: number, secret: string, code: string, now: Date): Promise<SetUpOutcome> {
  return writeTransaction(db, [{ user: userId }], async (trx) => {
    const user = await userRepository.findById(trx, userId);
    if (!user || user.deactivated_at !== null || user.totp_confirmed_at !== null) return { ok: false } as const;
    const step = totpStep(secret, user.email, code, now);
    if (step === null) return { ok: false } as const;
    const recoveryCodes = makeRecoveryCodes();
    await userRepository.update(trx, userId, { totp_secret: secret, totp_confirmed_at: now.toISOString(), totp_last_step: step });
    await recoveryCodeRepository.replace(trx, userId, recoveryCodes.map(hashRecoveryCode));
    await recordEvent(trx, { actor: `${user.role}:${user.email}`, action: 'user.mfa-set-up', tender: null, detail: {} }, now);
    return { ok: true, recoveryCodes } as const;
  });
}

export type SecondFactor = { ok: true; method: 'totp' | 'recovery-code'; recoveryCodesLeft?: number } | { ok: false; reason: 'wrong' | 'used' };

/** Checks a code from the app, or a recovery code; either is used up by being accepted. */
export async function checkSecondFactor(db: Db, userId: number, code: string, now: Date): Promise<SecondFactor> {
  return writeTransaction(db, [{ user: userId }], async (trx) => {
    const user = await userRepository.findById(trx, userId);
    if (!user || user.deactivated_at !== null || user.totp_secret === null || user.totp_confirmed_at === null) return { ok: false, reason: 'wrong' } as const;
    const step = totpStep(user.totp_secret, user.email, code, now);
    if (step !== null) return (await userRepository.takeTotpStep(trx, userId, step)) ? ({ ok: true, method: 'totp' } as const) : ({ ok: false, reason: 'used' } as const);
    if (normaliseRecoveryCode(code).length === 10 && (await recoveryCodeRepository.use(trx, userId, hashRecoveryCode(code), now.toISOString()))) {
      const left = await recoveryCodeRepository.unusedCount(trx, userId);
      await recordEvent(trx, { actor: `${user.role}:${user.email}`, action: 'user.recovery-code-used', tender: null, detail: { left } }, now);
      return { ok: true, method: 'recovery-code', recoveryCodesLeft: left } as const;
    }
    return { ok: false, reason: 'wrong' } as const;
  });
}
