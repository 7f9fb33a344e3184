/**
 * One TreeWalker over a root (document, element or open shadow root) that rejects whole subtrees
 * which must not change, and reports text nodes, elements with readable attributes, and open
 * shadow roots to walk the same way.
 */
import { READABLE_ATTRIBUTES, attributesAllowed, rejectsSubtree } from './text-filter';

export interface WalkResult {
  texts: Text[];
  /** Elements carrying at least one non-empty readable attribute. */
  attributed: Element[];
  shadowRoots: ShadowRoot[];
}

const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
const FILTER_ACCEPT = 1;
const FILTER_REJECT = 2;

function hasReadableAttribute(el: Element): boolean {
  for (const name of READABLE_ATTRIBUTES) if (el.getAttribute(name)) return true;
  return false;
}

/** Walks `root` (whose own ancestors the caller has already checked). */
export function walk(root: Node, doc: Document): WalkResult {
  const out: WalkResult = { texts: [], attributed: [], shadowRoots: [] };
  const visitElement = (el: Element): boolean => {
    // Form fields' values stay untouched, but their placeholder and title are page text.
    if (hasReadableAttribute(el) && attributesAllowed(el)) out.attributed.push(el);
    if (rejectsSubtree(el)) return false;
    const sr = el.shadowRoot; // null for closed roots: those belong to the page's components
    if (sr) out.shadowRoots.push(sr);
    return true;
  };
  if (root.nodeType === 3) { out.texts.push(root as Text); return out; }
  if (root.nodeType === 1 && !visitElement(root as Element)) return out;
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === 3) return FILTER_ACCEPT;
      return visitElement(node as Element) ? FILTER_ACCEPT : FILTER_REJECT;
    },
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === 3 && (n as Text).data.trim() !== '') out.texts.push(n as Text);
  }
  return out;
}
