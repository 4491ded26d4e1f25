// Rendered HTML kept per key, with holes. A hole is a value a template only prints (a reason a
// member typed, the page's nonce): the template is rendered once with a marker in the hole's
// place, the HTML is kept cut at the markers, and each time it is given the pieces are joined
// with this time's values, each escaped exactly as the template escaped the marker.
//
// A marker is `\0hole:R=N\0`, R drawn at random when the process starts, so that no text in a
// context can pass for one (NUL never reaches a page either: forms refuse it, null-characters.ts).
// The marker's "=" shows whether the template escaped it: Handlebars writes it as `&#x3D;` when it
// escapes. Only non-empty strings are made holes, so a template that tests a hole
// (`{{#if value}}`) takes the same branch for the marker as for the value. A template that changes
// a marker in any other way leaves a NUL in its HTML; that HTML is not kept, and the template is
// rendered with the values themselves.
import { randomBytes } from 'node:crypto';
import Handlebars from 'handlebars';

const PLAIN = Object.prototype;

/** An object literal (or one made with a null prototype): the only objects keys and holes are made from. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === PLAIN || proto === null;
}

const RANDOM = randomBytes(8).toString('hex');
const marker = (index: number): string => `\u0000hole:${RANDOM}=${index}\u0000`;
const MARKERS = new RegExp(`\u0000hole:${RANDOM}(=|&#x3D;)(\\d+)\u0000`, 'g');

export interface Holed {
  /** The context with a marker in each hole. */
  context: Record<string, unknown>;
  /** The values taken out, in marker order. */
  values: string[];
}

/** Takes the named fields holding non-empty text out of the context, leaving markers. */
export function punchHoles(context: Record<string, unknown>, holes: readonly string[]): Holed {
  let holed: Record<string, unknown> | null = null;
  const values: string[] = [];
  for (const name of holes) {
    const value = context[name];
    if (typeof value !== 'string' || value === '') continue;
    holed ??= { ...context };
    holed[name] = marker(values.length);
    values.push(value);
  }
  return { context: holed ?? context, values };
}

/** HTML cut at its markers: pieces[0], hole 0, pieces[1], … */
interface Shape {
  pieces: string[];
  holes: { index: number; escaped: boolean }[];
}

/** The HTML cut at its markers; null when a marker was changed (a NUL is left). */
function shapeOf(html: string): Shape | null {
  const pieces: string[] = [];
  const holes: Shape['holes'] = [];
  let from = 0;
  for (const match of html.matchAll(MARKERS)) {
    pieces.push(html.slice(from, match.index));
    holes.push({ index: Number(match[2]), escaped: match[1] !== '=' });
    from = match.index + match[0].length;
  }
  pieces.push(html.slice(from));
  return pieces.some((piece) => piece.includes('\u0000')) ? null : { pieces, holes };
}

function filled(shape: Shape, values: readonly string[]): string {
  let html = shape.pieces[0]!;
  for (let i = 0; i < shape.holes.length; i++) {
    const { index, escaped } = shape.holes[i]!;
    const value = values[index] ?? '';
    html += (escaped ? Handlebars.escapeExpression(value) : value) + shape.pieces[i + 1]!;
  }
  return html;
}

/** At most `entries` rendered HTMLs, by key, the oldest dropped first. */
export class KeptHtml {
  private readonly kept = new Map<string, string | Shape>();

  constructor(private readonly entries: number) {}

  /** The kept HTML for the key with these hole values, or undefined when none is kept. */
  get(key: string, values: readonly string[]): string | undefined {
    const shape = this.kept.get(key);
    if (shape === undefined) return undefined;
    return typeof shape === 'string' ? shape : filled(shape, values);
  }

  /**
   * Keeps HTML rendered from the holed context and gives it with the values filled in; null when
   * a marker was changed, so the caller renders with the values themselves.
   */
  keep(key: string, rendered: string, values: readonly string[]): string | null {
    const shape = values.length === 0 ? rendered : shapeOf(rendered);
    if (shape === null) return null;
    if (this.kept.size >= this.entries) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(key, shape);
    return typeof shape === 'string' ? shape : filled(shape, values);
  }

  /** The kept HTML, or `render()`'s kept; null as for keep. */
  html(key: string, values: readonly string[], render: () => string): string | null {
    return this.get(key, values) ?? this.keep(key, render(), values);
  }
}
