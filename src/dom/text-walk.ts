/**
 * The first content script's walk (suspect-scan.ts): text nodes only, as close to a bare `SHOW_TEXT` TreeWalker
 * pass as the scan can be. Page-walker.ts's `Walk` visits every element too (to skip rejected subtrees, find
 * readable attributes and open shadow roots), which on a clean page costs more than reading the text itself.
 * The scan needs none of that per element: it writes nothing, so whether a node sits in a rejected subtree
 * matters only for the rare node the gate's pre-check flags (`isInsideRejectedStatic`); attributes are found
 * with one query and open shadow roots by `ShadowHostScan`, one native collection read in order.
 *
 * Like `Walk`, it resumes across time slices, and starts over (at most MAX_RESTARTS times) when the page
 * removed the node it stood on.
 */
import { MAX_RESTARTS, SMALL_SUBTREE_NODES, nextOutside } from './page-walker';
import { rejectsSubtree } from './text-filter';

const SHOW_TEXT = 0x4;

export class TextWalk {
  private walker: TreeWalker | null = null;
  private restarts = 0;
  private done = false;

  constructor(private readonly root: Node, private readonly doc: Document, private readonly onRestart?: () => void) {}

  /** Hands up to `max` text nodes to `visit`; false once the walk is over. */
  step(max: number, visit: (t: Text) => void): boolean {
    if (this.done) return false;
    const root = this.root;
    if (!this.walker) {
      if (root.nodeType === 3) { visit(root as Text); this.done = true; return false; }
      this.walker = this.doc.createTreeWalker(root, SHOW_TEXT);
    } else if (this.walker.currentNode !== root && !root.contains(this.walker.currentNode)) {
      // The page removed the node we stood on: TreeWalker would wander off into the removed subtree.
      if (++this.restarts > MAX_RESTARTS) { this.done = true; return false; }
      this.onRestart?.();
      this.walker = this.doc.createTreeWalker(root, SHOW_TEXT);
    }
    const w = this.walker;
    for (let i = 0; i < max; i++) {
      const n = w.nextNode();
      if (!n) { this.done = true; return false; }
      visit(n as Text);
    }
    return true;
  }
}

/**
 * True when an ancestor of `node` (up to its shadow root or document) rejects it, judged from tags and attributes
 * only, as the scan's element walk did (no isContentEditable: no style recalculation for a scan that writes nothing;
 * an editable region's contenteditable attribute still rejects it).
 */
export function isInsideRejectedStatic(node: Node, checkedFrom?: Node): boolean {
  // `checkedFrom`: an ancestor already judged with its own ancestors (a changed subtree's root): no need to go past it.
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el && el !== checkedFrom; el = el.parentElement) {
    if (rejectsSubtree(el, el.hasAttributes(), false)) return true;
  }
  return false;
}

/**
 * The open shadow roots under `root` (closed ones belong to the page's components), outside rejected subtrees,
 * a few elements at a time. Elements added behind the scan's position are the mutation observer's to report.
 */
export class ShadowHostScan {
  private readonly all: ArrayLike<Element>;
  private at = 0;
  /** An element root itself (its collection holds only its descendants). */
  private first: Element | null = null;

  constructor(root: Node) {
    // A live collection costs nothing to create; a shadow root has only the static query.
    this.all = root.nodeType === 11 ? (root as ShadowRoot).querySelectorAll('*')
      : root.nodeType === 1 || root.nodeType === 9 ? (root as Element | Document).getElementsByTagName('*') : [];
    if (root.nodeType === 1) this.first = root as Element;
  }

  /** Hands up to `max` elements' open shadow roots to `found`; false once the scan is over. */
  step(max: number, found: (sr: ShadowRoot) => void): boolean {
    if (this.first) {
      const sr = this.first.shadowRoot;
      if (sr && !isInsideRejectedStatic(this.first)) found(sr);
      this.first = null;
    }
    const all = this.all;
    const end = Math.min(all.length, this.at + max);
    for (; this.at < end; this.at++) {
      const el = all[this.at];
      const sr = el.shadowRoot;
      if (sr && !isInsideRejectedStatic(el)) found(sr);
    }
    return this.at < all.length;
  }
}

export interface SubtreeSink {
  text(t: Text): void;
  shadowRoot(sr: ShadowRoot): void;
  /** Elements with a readable attribute that may be read (text-filter.ts's attributesAllowed). */
  attributed(el: Element): void;
}

/**
 * What a dynamic page adds is mostly one paragraph or one list item at a time: for such a subtree a TreeWalker, a
 * live element collection and an attribute query cost far more than its few nodes (a feed adding 10,000
 * paragraphs a second spent most of the scan's time creating them). Walks `root` (already judged with its
 * ancestors) by hand instead, skipping rejected subtrees as the scan judges them, and reports its texts, open
 * shadow roots and readable attributes; reports nothing and returns false when it holds more than
 * SMALL_SUBTREE_NODES nodes (the caller walks it the long way).
 */
export function walkSmallSubtree(root: Node, sink: SubtreeSink, isReadable: (el: Element) => boolean): boolean {
  const texts: Text[] = [];
  const hosts: ShadowRoot[] = [];
  const attributed: Element[] = [];
  let count = 0;
  for (let n: Node | null = root; n;) {
    if (++count > SMALL_SUBTREE_NODES) return false;
    let descend = false;
    if (n.nodeType === 3) texts.push(n as Text);
    else if (n.nodeType === 1) {
      const el = n as Element;
      const attrs = el.hasAttributes();
      if (attrs && isReadable(el)) attributed.push(el);
      descend = !rejectsSubtree(el, attrs, false);
      if (descend && el.shadowRoot) hosts.push(el.shadowRoot);
    }
    n = descend && n.firstChild ? n.firstChild : nextOutside(n, root);
  }
  for (const t of texts) sink.text(t);
  for (const el of attributed) sink.attributed(el);
  for (const sr of hosts) sink.shadowRoot(sr);
  return true;
}
