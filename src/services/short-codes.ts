// Invitation short codes: a code to type from a printed letter, instead of a 43-character link.
//
// A code is 12 characters from 28 that cannot be mistaken for each other (the digits 2 to 9 and
// the consonants without I and L; no vowels, so no code spells a word), grouped in threes of
// four for reading aloud: KQ4T-9WXM-7RBD. That is 12 × log2(28) ≈ 57.7 bits, chosen with
// crypto's randomInt (no bias). Typed codes are read in any letter case, with or without the
// dashes and spaces.
//
// What is stored: a link's token has 256 bits, so its SHA-256 hash is safe to keep; a code has
// far fewer, and a plain SHA-256 of every possible code could be worked through from a copy of
// the database. So only a slow hash of the code is kept (scrypt, N = 2^14, r = 8, p = 1, with the
// app's fixed salt, so the hash stays an exact index lookup): each guess then costs about as much
// as 2^14 SHA-256 hashes, which puts the whole space out of reach. Guessing on the web is limited
// like links (30 that do not work per 15 minutes from one address, links and codes together).
import { randomInt, scrypt } from 'node:crypto';

/** The characters a code is made of: no 0/O, 1/I/L, and no vowels (A, E, U). */
export const CODE_ALPHABET = '23456789BCDFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 12;
const GROUP = 4;
/** The bits of chance in a code (57.7). */
export const CODE_BITS = CODE_LENGTH * Math.log2(CODE_ALPHABET.length);

const SALT = 'tender-evaluation/invitation-short-code/1';
const SCRYPT = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/** A new code, grouped for reading: KQ4T-9WXM-7RBD. */
export function newShortCode(): string {
  let raw = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return groupCode(raw);
}

/** KQ4T9WXM7RBD → KQ4T-9WXM-7RBD. */
export const groupCode = (raw: string): string => raw.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');

export type TypedCode =
  | { ok: true; code: string }
  | { ok: false; problem: 'empty' }
  | { ok: false; problem: 'length'; typed: number }
  | { ok: false; problem: 'characters'; wrong: string[] };

/**
 * A code as someone typed it: capitals or not, with spaces, dashes (any kind) or dots between
 * the groups or none. Returns the code as made (KQ4T-9WXM-7RBD), or what is wrong with it.
 */
export function readTypedCode(typed: string): TypedCode {
  const raw = typed.toUpperCase().replace(/[\s\-‐‑‒–—―.]/g, '');
  if (raw === '') return { ok: false, problem: 'empty' };
  const wrong = [...new Set([...raw].filter((c) => !CODE_ALPHABET.includes(c)))];
  if (wrong.length > 0) return { ok: false, problem: 'characters', wrong };
  if (raw.length !== CODE_LENGTH) return { ok: false, problem: 'length', typed: raw.length };
  return { ok: true, code: groupCode(raw) };
}

/** The stored form of a code (as made, grouped): hex of scrypt. Takes about 30 ms, off the main thread. */
export function hashShortCode(code: string): Promise<string> {
  return new Promise((resolve, reject) => {
    scrypt(code, SALT, 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key.toString('hex'))));
  });
}
