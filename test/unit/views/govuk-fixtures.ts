// GOV.UK Frontend's own examples of each component (fixtures.json: the macro options and the
// HTML the Nunjucks macro renders for them), and a comparison that ignores insignificant
// whitespace and the spelling of character references.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { load } from 'cheerio';
import type { AnyNode } from 'domhandler';

export interface Fixture {
  name: string;
  options: Record<string, unknown>;
  html: string;
  hidden?: boolean;
}

const require = createRequire(import.meta.url);
const cache = new Map<string, Fixture[]>();

/** All the fixtures GOV.UK Frontend publishes for a component (e.g. 'summary-list'). */
export function fixturesOf(component: string): Fixture[] {
  let fixtures = cache.get(component);
  if (!fixtures) {
    const file = require.resolve(`govuk-frontend/dist/govuk/components/${component}/fixtures.json`);
    fixtures = (JSON.parse(readFileSync(file, 'utf8')) as { fixtures: Fixture[] }).fixtures;
    cache.set(component, fixtures);
  }
  return fixtures;
}

export function fixture(component: string, name: string): Fixture {
  const found = fixturesOf(component).find((f) => f.name === name);
  if (!found) throw new Error(`govuk-frontend has no ${component} fixture named "${name}"`);
  return found;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

function serialise(nodes: AnyNode[], out: string[]): void {
  nodes.forEach((node, i) => {
    if (node.type === 'text') {
      let value = node.data.replace(/\s+/g, ' ');
      if (i === 0) value = value.trimStart();
      if (i === nodes.length - 1) value = value.trimEnd();
      if (value.trim() !== '') out.push(escapeText(value));
    } else if (node.type === 'comment') {
      out.push(`<!--${node.data}-->`);
    } else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      const attributes = Object.entries(node.attribs).map(([name, value]) => {
        const canonical = name === 'class' ? value.replace(/\s+/g, ' ').trim() : value;
        return ` ${name}="${escapeAttribute(canonical)}"`;
      });
      out.push(`<${node.name}${attributes.join('')}>`);
      if (!VOID.has(node.name)) {
        serialise(node.children, out);
        out.push(`</${node.name}>`);
      }
    }
  });
}

/**
 * A canonical form of an HTML fragment for comparison: parsed, then written back with
 * character references spelt one way, runs of whitespace collapsed to one space, whitespace-only
 * text dropped, and text trimmed at the start and end of each element's content. Attribute
 * order is kept, so a faithful port must output attributes in the macro's order.
 */
export function normaliseHtml(html: string): string {
  const $ = load(html, null, false);
  const out: string[] = [];
  serialise($.root().contents().toArray(), out);
  return out.join('');
}
