// The words a printed pack explains. On paper a link to /glossary helps no one, so the pack prints
// the glossary's own words and meanings for the words it uses. They are read from the glossary
// page (views/pages/glossary/glossary.hbs), the one place the words are explained, so paper and
// screen never say different things.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VIEWS_DIR } from '../../views/engine';

export interface GlossaryWord {
  /** The word's anchor on the glossary page. */
  id: string;
  term: string;
  meaning: string;
}

export const GLOSSARY_FILE = path.join(VIEWS_DIR, 'pages', 'glossary', 'glossary.hbs');

const ROW = /<div class="govuk-summary-list__row" id="([a-z-]+)">\s*<dt[^>]*>([\s\S]*?)<\/dt>\s*<dd[^>]*>([\s\S]*?)<\/dd>\s*<\/div>/g;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

const plainText = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, name: string) => ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();

/** Every word on the glossary page, A to Z, as plain text. */
export function readGlossary(source = readFileSync(GLOSSARY_FILE, 'utf8')): GlossaryWord[] {
  return [...source.matchAll(ROW)].map((m) => ({ id: m[1]!, term: plainText(m[2]!), meaning: plainText(m[3]!) }));
}

let glossary: GlossaryWord[] | undefined;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How a word is found in a text: "Threshold (minimum score)" as "threshold", "“I cannot score this”" without its quotes, plurals too. */
const finder = (term: string): RegExp => {
  const word = term
    .replace(/\([^)]*\)/g, '')
    .replace(/[“”"]/g, '')
    .trim();
  return new RegExp(`(?<![\\p{L}\\p{N}-])${escapeRegExp(word)}(?:s|es)?(?![\\p{L}\\p{N}-])`, 'iu');
};

/** The glossary's words that appear in any of the texts, A to Z. */
export function wordsUsedIn(texts: string[]): GlossaryWord[] {
  glossary ??= readGlossary();
  const all = texts.join('\n');
  return glossary.filter((w) => finder(w.term).test(all));
}
