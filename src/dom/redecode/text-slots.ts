/**
 * A document's text as re-decoding sees it: "slots" in document order, each a run of adjacent text nodes (one
 * piece of text between two tags) or one readable attribute. The same walk over the live document and over its
 * bytes parsed again gives two sequences that line up wherever the page has not changed since it loaded.
 *
 * What is skipped differs from the page walker's filter (text-filter.ts) on purpose: code samples are included,
 * because re-decoding restores the author's own bytes there too; what the page's scripts or the user own is left
 * out (script and style text, templates, textareas, editable regions), as is the opt-out attribute and our overlay.
 */
import { OPT_OUT_ATTRIBUTE, OVERLAY_TAG, READABLE_ATTRIBUTES } from '../text-filter';

export type Slot =
  | { kind: 'text'; nodes: Text[]; text: string }
  | { kind: 'attr'; el: Element; name: string; text: string };

/**
 * Elements whose content is not displayed text, or is the page's or the user's to change. NOSCRIPT is parsed as
 * markup by DOMParser (scripting off) but as raw text in the live page, so it can never be matched either.
 */
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'IFRAME', 'NOEMBED', 'NOFRAMES', OVERLAY_TAG.toUpperCase()]);

/** ASCII whitespace only: identical under every candidate encoding, so such runs carry nothing to match. */
const BLANK = /^[\t\n\f\r ]*$/;

function skips(el: Element): boolean {
  if (SKIPPED_TAGS.has(el.tagName.toUpperCase())) return true;
  if (el.hasAttribute(OPT_OUT_ATTRIBUTE)) return true;
  const ce = el.getAttribute('contenteditable');
  return ce !== null && ce !== 'false';
}

/**
 * The slots under `root` (a document or element), in document order; shadow trees are not walked. With `limit`,
 * the walk stops once the slots hold that many characters (a sample of the page's text).
 */
export function collectSlots(root: Document | Element, limit = Infinity): Slot[] {
  const out: Slot[] = [];
  let chars = 0;
  const start = root.nodeType === 9 ? (root as Document).documentElement : (root as Element);
  if (!start) return out;
  // An explicit stack of child lists: deep pages must not overflow the call stack.
  const visit = (el: Element) => {
    for (const name of READABLE_ATTRIBUTES) {
      const value = el.getAttribute(name);
      if (value !== null && !BLANK.test(value)) out.push({ kind: 'attr', el, name, text: value });
    }
  };
  if (skips(start)) return out;
  visit(start);
  const stack: Array<{ node: Node | null }> = [{ node: start.firstChild }];
  while (stack.length && chars < limit) {
    const top = stack[stack.length - 1];
    const node = top.node;
    if (!node) { stack.pop(); continue; }
    if (node.nodeType === 3) {
      const nodes: Text[] = [];
      let n: Node | null = node;
      for (; n && n.nodeType === 3; n = n.nextSibling) nodes.push(n as Text);
      top.node = n;
      const text = nodes.map((t) => t.data).join('');
      if (!BLANK.test(text)) { out.push({ kind: 'text', nodes, text }); chars += text.length; }
      continue;
    }
    top.node = node.nextSibling;
    if (node.nodeType === 1 && !skips(node as Element)) {
      visit(node as Element);
      stack.push({ node: node.firstChild });
    }
  }
  return out;
}

/** What must be equal for two slots to be the same piece of the page. */
export function slotKey(slot: Slot): string {
  return slot.kind === 'text' ? `t${slot.text}` : `a${slot.name}\u0000${slot.text}`;
}

/**
 * Text documents (text/plain) are one piece of text in a <pre>: their bytes need no parser, only the line breaks
 * the browser's text parser normalises (CR LF and lone CR become LF).
 */
export function plainTextSlot(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
