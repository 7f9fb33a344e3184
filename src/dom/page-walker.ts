/**
 * One TreeWalker over a root (document, element or open shadow root) that rejects whole subtrees
 * which must not change, and reports text nodes, elements with readable attributes, and open
 * shadow roots to walk the same way.
 *
 * `Walk` goes a few nodes at a time, so a page of 200,000 text nodes is walked across time slices; a TreeWalker
 * resumes from its current node, and if the page removed that node meanwhile the walk starts over (its caller
 * keeps what it already found), at most MAX_RESTARTS times.
 */
import { READABLE_ATTRIBUTES, attributesAllowed, rejectsSubtree } from './text-filter';

export interface WalkResult {
  texts: Text[];
  /** Elements carrying at least one non-empty readable attribute. */
  attributed: Element[];
  shadowRoots: ShadowRoot[];
}

export interface WalkSink {
  /** Every text node, blank ones too (`blank`: only whitespace), so a paragraph can be read whole from the walk. */
  text(node: Text, blank: boolean): void;
  /** Elements with a readable attribute; a sink without it finds them some other way (one query: suspect-scan.ts). */
  attributed?(el: Element): void;
  shadowRoot(root: ShadowRoot): void;
  /** The walk starts over (the page removed the node it stood on): what it reported may come again. */
  restarted?(): void;
}

const SHOW_ELEMENT = 0x1;
const SHOW_TEXT = 0x4;
/** A page that keeps removing the node the walk stands on gets this many fresh starts. */
export const MAX_RESTARTS = 3;

const NOT_BLANK = /\S/;

function hasReadableAttribute(el: Element): boolean {
  for (const name of READABLE_ATTRIBUTES) if (el.getAttribute(name)) return true;
  return false;
}

/** A resumable walk of `root` (whose own ancestors the caller has already checked). */
export class Walk {
  private walker: TreeWalker | null = null;
  private restarts = 0;
  private done = false;

  /**
   * `readOnly`: the walker of a scan that writes nothing (suspect-scan.ts), where a wrong guess costs a false
   * alarm at most: it skips the per-element isContentEditable call (an editable region's contenteditable attribute
   * still rejects it; only inherited CSS user-modify is missed) and `blank` is always false.
   */
  constructor(private readonly root: Node, private readonly doc: Document, private readonly sink: WalkSink, private readonly readOnly = false) {}

  /** Visits up to `max` nodes; returns false once the walk is over. */
  step(max: number): boolean {
    if (this.done) return false;
    if (!this.walker) {
      if (!this.begin()) { this.done = true; return false; }
    } else if (this.walker.currentNode !== this.root && !this.root.contains(this.walker.currentNode)) {
      // The page removed the node we stood on: TreeWalker would wander off into the removed subtree.
      if (++this.restarts > MAX_RESTARTS) { this.done = true; return false; }
      this.sink.restarted?.();
      if (!this.begin()) { this.done = true; return false; }
    }
    const w = this.walker!;
    for (let i = 0; i < max; i++) {
      let n = w.nextNode();
      // No filter callback (one call into script per node): a rejected element's subtree is skipped by hand.
      while (n && n.nodeType === 1 && !this.visitElement(n as Element)) n = afterSubtree(w, n, this.root);
      if (!n) { this.done = true; return false; }
      if (n.nodeType === 3) this.sink.text(n as Text, !this.readOnly && !NOT_BLANK.test((n as Text).data));
    }
    return true;
  }

  private begin(): boolean {
    const root = this.root;
    if (root.nodeType === 3) { this.sink.text(root as Text, !NOT_BLANK.test((root as Text).data)); return false; }
    if (root.nodeType === 1 && !this.visitElement(root as Element)) return false;
    if (root.nodeType === 1 && isSmall(root)) { this.walkByHand(root); return false; }
    this.walker = this.doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT);
    return true;
  }

  /**
   * A small subtree (what a dynamic page adds: a paragraph, a list item) at once, by hand: a TreeWalker costs more
   * to create than such a subtree costs to walk (a feed adding 10,000 paragraphs a second). Same visits as the walker.
   */
  private walkByHand(root: Node): void {
    for (let n: Node | null = root.firstChild; n;) {
      let into = false;
      if (n.nodeType === 3) this.sink.text(n as Text, !this.readOnly && !NOT_BLANK.test((n as Text).data));
      else if (n.nodeType === 1) into = this.visitElement(n as Element);
      n = into && n.firstChild ? n.firstChild : nextOutside(n, root);
    }
  }

  private visitElement(el: Element): boolean {
    // Most elements carry no attribute at all: one cheap call spares four lookups.
    const attrs = el.hasAttributes();
    // Form fields' values stay untouched, but their placeholder and title are page text.
    if (attrs && this.sink.attributed && hasReadableAttribute(el) && attributesAllowed(el)) this.sink.attributed(el);
    if (rejectsSubtree(el, attrs, !this.readOnly)) return false;
    const sr = el.shadowRoot; // null for closed roots: those belong to the page's components
    if (sr) this.sink.shadowRoot(sr);
    return true;
  }
}

/** The node after `node`'s subtree within `root`, with the walker standing on it; null at the end of the root. */
export function afterSubtree(w: TreeWalker, node: Node, root: Node): Node | null {
  w.currentNode = node;
  for (;;) {
    const next = w.nextSibling();
    if (next) return next;
    const up = w.parentNode();
    if (!up || up === root) return null;
  }
}

/** Subtrees of at most this many nodes below their root are walked by hand (Walk.walkByHand). */
export const SMALL_SUBTREE_NODES = 64;

function isSmall(root: Node): boolean {
  let count = 0;
  for (let n: Node | null = root.firstChild; n; n = n.firstChild ?? nextOutside(n, root)) if (++count > SMALL_SUBTREE_NODES) return false;
  return true;
}

/** The node after `n` and its subtree, within `root`; null past the end. */
export function nextOutside(n: Node, root: Node): Node | null {
  for (let cur: Node | null = n; cur && cur !== root; cur = cur.parentNode) {
    if (cur.nextSibling) return cur.nextSibling;
  }
  return null;
}

/** Walks `root` at once (tests, small subtrees). */
export function walk(root: Node, doc: Document): WalkResult {
  const out: WalkResult = { texts: [], attributed: [], shadowRoots: [] };
  const w = new Walk(root, doc, { text: (t, blank) => { if (!blank) out.texts.push(t); }, attributed: (e) => out.attributed.push(e), shadowRoot: (s) => out.shadowRoots.push(s) });
  while (w.step(1024));
  return out;
}
