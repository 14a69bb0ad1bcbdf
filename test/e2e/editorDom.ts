/**
 * Reading what a Monaco editor shows, from its DOM (VS Code 1.100): rendered
 * lines, where squiggles sit, and the colour of each character. The
 * functions passed to `evaluate` run in Chromium; the project's tsconfig has
 * no DOM lib (so Node code cannot use browser globals by mistake), so the few
 * DOM members they use are declared here.
 */
import type { Locator } from 'playwright-core';

interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
  height: number;
}
interface DomNode {
  textContent: string | null;
}
interface DomElement extends DomNode {
  style: { top: string };
  getBoundingClientRect(): Rect;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  ownerDocument: {
    createRange(): { setStart(node: DomNode, offset: number): void; setEnd(node: DomNode, offset: number): void; getBoundingClientRect(): Rect };
    createTreeWalker(root: DomElement, whatToShow: number): { nextNode(): DomNode | null };
    defaultView: { getComputedStyle(e: DomElement): { color: string } };
  };
}

/** Monaco renders spaces as U+00A0. */
export const rendered = (text: string): string => text.replace(/ /g, '\u00a0');

/** The view line that shows `text`. */
export function viewLine(editor: Locator, text: string): Locator {
  return editor.locator('.view-line', { hasText: rendered(text) }).first();
}

/** The editor's text as rendered, one entry per view line in display order. */
export async function editorLines(editor: Locator): Promise<string[]> {
  return editor.evaluate((root: DomElement) =>
    Array.from(root.querySelectorAll('.view-line'))
      .map((l) => ({ top: parseFloat(l.style.top), text: (l.textContent ?? '').replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text),
  );
}

/** Where one squiggle sits: the line number beside it, the text of its line, and how well it covers `text` there. */
export interface SquiggleSpot {
  lineNumber: string;
  lineText: string;
  /** Largest distance (px) between the squiggle's ends and the ends of `text` on its line; -1 when `text` is not on it. */
  offset: number;
}

/** Every squiggle of `kind` in `editor`, located by geometry: the line number and view line at its height. */
export async function squiggleSpots(editor: Locator, text: string, kind: 'error' | 'warning' = 'error'): Promise<SquiggleSpot[]> {
  return editor.evaluate(
    (root: DomElement, [wanted, selector]) => {
      const atY = (sel: string, y: number) =>
        Array.from(root.querySelectorAll(sel)).find((e) => {
          const r = e.getBoundingClientRect();
          return r.height > 0 && y >= r.top && y < r.bottom;
        });
      return Array.from(root.querySelectorAll(selector)).map((sq) => {
        const box = sq.getBoundingClientRect();
        const y = box.top + box.height / 2;
        const line = atY('.view-line', y);
        const lineText = (line?.textContent ?? '').replace(/\u00a0/g, ' ');
        const start = lineText.indexOf(wanted);
        let offset = -1;
        if (line && start >= 0) {
          // A DOM range over exactly `wanted`, across the token spans' text nodes.
          const doc = root.ownerDocument;
          const walker = doc.createTreeWalker(line, 4 /* NodeFilter.SHOW_TEXT */);
          const range = doc.createRange();
          const end = start + wanted.length;
          let pos = 0;
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const len = (n.textContent ?? '').length;
            if (start >= pos && start < pos + len) range.setStart(n, start - pos);
            if (end > pos && end <= pos + len) range.setEnd(n, end - pos);
            pos += len;
          }
          const r = range.getBoundingClientRect();
          offset = Math.max(Math.abs(r.left - box.left), Math.abs(r.right - box.right));
        }
        return { lineNumber: atY('.line-numbers', y)?.textContent?.trim() ?? '?', lineText, offset };
      });
    },
    [text, `.squiggly-${kind}`] as const,
  );
}

/** The colour of every character of the view line showing `text`. */
export async function characterColours(editor: Locator, text: string): Promise<{ text: string; colours: string[] }> {
  return viewLine(editor, text).evaluate((line: DomElement) => {
    const view = line.ownerDocument.defaultView;
    const spans = Array.from(line.querySelectorAll('span > span'));
    return {
      text: spans.map((s) => s.textContent ?? '').join('').replace(/\u00a0/g, ' '),
      colours: spans.flatMap((s) => {
        const colour = view.getComputedStyle(s).color;
        return Array.from({ length: (s.textContent ?? '').length }, () => colour);
      }),
    };
  });
}

/** The colour of the first character of `token` in the view line showing `lineText`. */
export async function colourOf(editor: Locator, lineText: string, token: string): Promise<string> {
  const { text, colours } = await characterColours(editor, lineText);
  const at = text.indexOf(token);
  if (at < 0) throw new Error(`${JSON.stringify(token)} is not in the line ${JSON.stringify(text)}`);
  return colours[at];
}
