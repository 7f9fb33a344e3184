/**
 * The first content script's whole job on most pages: read the page's text the way the page repairer reads it
 * (one walk, paragraphs as one text, readable attributes, open shadow roots), run the cheap gate over it, and
 * follow the page's changes, until some text is suspect. It writes nothing and keeps nothing between passes, so
 * a clean page pays for one walk and one gate over its text, and a dynamic clean page for what it added.
 *
 * On the first suspect text it stops and calls `onSuspect`: the caller then loads the decoder bundle, whose page
 * repairer (page-repairer.ts) walks the page again and does the rest.
 *
 * Most text nodes cost one pass of a character loop and nothing else: a paragraph is read whole (its nodes
 * joined, as the repairer judges it) only around a node with a character the gate could act on (mayBeSuspect: a
 * rare or telltale Han character, Latin-1, U+FFFD, kana…). A paragraph none of whose nodes holds one is not
 * suspect, so this finds every paragraph the repairer's gate would flag (tests/unit/gate-may-be-suspect.test.ts).
 *
 * Every pass is sliced like the repairer's (idle-slicer.ts): a few dozen nodes, or one gate piece, between two
 * looks at the clock.
 */
import { BlockFinder, blockTextNodes, type BlockRoot } from './blocks';
import { IdleSlicer } from './idle-slicer';
import { MutationBatcher, type MutationBatch } from './mutation-batcher';
import { pieceEnd } from './pieces';
import { PIECE_EDGE_END, PIECE_EDGE_SPAN, PIECE_EDGE_START, PIECE_SUSPECT } from '../core/gate';
import { ShadowHostScan, TextWalk, isInsideRejectedStatic, walkSmallSubtree } from './text-walk';
import { MAX_ATTRIBUTE_CHARS, READABLE_ATTRIBUTES, attributesAllowed, documentIsEditable, isInsideRejected } from './text-filter';

/** DOM nodes visited between two looks at the clock (as page-repairer.ts). */
const NODES_PER_CHECK = 64;
/** Small changed subtrees (text-walk.ts's walkSmallSubtree, up to 64 nodes each) handled between two looks at the clock. */
const SMALL_PER_CHECK = 8;
/** The gate reads long texts in pieces this size (as page-repairer.ts's SCAN_PIECE_CHARS: a few ms each). */
const SCAN_PIECE_CHARS = 256 * 1024;

const ATTRIBUTE_SELECTOR = READABLE_ATTRIBUTES.map((a) => `[${a}]`).join(',');

export interface SuspectScanOptions {
  win: Window;
  isSuspect(text: string): boolean;
  /**
   * The gate's per-node pre-check (core/gate.ts's pieceSignals): a paragraph none of whose nodes it flags is never
   * suspect. Nonzero flags the node; PIECE_EDGE_START / PIECE_EDGE_END alone say that only a rare character near
   * that edge does, which the node's neighbour in its paragraph may rule out. `whole`: the text is a whole paragraph.
   */
  pieceSignals(text: string, whole: boolean): number;
  /** Called once, at the first suspect text; the scan has stopped by then. */
  onSuspect(): void;
  signal: AbortSignal;
}

/** Scans `opts.win`'s document until `opts.signal` aborts or suspect text shows up. */
export function scanForSuspects(opts: SuspectScanOptions): void {
  const { win, isSuspect, pieceSignals } = opts;
  const doc = win.document;
  const ctl = new AbortController();
  const signal = ctl.signal;
  if (opts.signal.aborted) return;
  opts.signal.addEventListener('abort', () => ctl.abort(), { once: true, signal });
  const slicer = new IdleSlicer(win, signal);
  const roots = new Set<Document | ShadowRoot>([doc]);
  const shadowRoots = new WeakSet<ShadowRoot>();
  let found = false;

  const hit = (): false => {
    if (!found) { found = true; ctl.abort(); opts.onSuspect(); }
    return false;
  };
  /** False when the scan is over (aborted or found). */
  const breathe = async (): Promise<boolean> => {
    if (slicer.shouldYield()) await slicer.next();
    return !signal.aborted;
  };
  /** Gates a text of any length, long ones a piece at a time; false when the scan is over. */
  const gate = async (text: string): Promise<boolean> => {
    if (text.length <= SCAN_PIECE_CHARS) return isSuspect(text) ? hit() : !signal.aborted;
    for (let at = 0; at < text.length;) {
      const end = pieceEnd(text, at, SCAN_PIECE_CHARS);
      if (isSuspect(text.slice(at, end))) return hit();
      at = end;
      if (!await breathe()) return false;
    }
    return true;
  };
  const gateAttributes = (el: Element): boolean => {
    for (const name of READABLE_ATTRIBUTES) {
      const v = el.getAttribute(name);
      if (v && v.length <= MAX_ATTRIBUTE_CHARS && isSuspect(v)) return hit();
    }
    return true;
  };

  const pass = async (items: Array<[Node, boolean]>, attributes: Element[]): Promise<void> => {
    if (signal.aborted || documentIsEditable(doc)) return;
    const blocks = new BlockFinder();
    /** Text nodes holding a character the gate could act on (mayBeSuspect): their paragraphs are read whole. */
    const flagged: Text[] = [];
    /** Paragraphs met from a changed node inside them (the rest of the paragraph unchanged): read whole. */
    const partial: BlockRoot[] = [];
    const judged = new Set<BlockRoot>();
    /** Reads and gates the paragraphs found so far; false when the scan is over. */
    const judge = async (): Promise<boolean> => {
      for (let t = flagged.pop(); t; t = flagged.pop()) partial.push(blocks.find(t));
      for (let b = partial.pop(); b; b = partial.pop()) {
        if (judged.has(b)) continue;
        judged.add(b);
        const parts: string[] = [];
        let n = 0;
        for (const t of blockTextNodes(b, false)) {
          parts.push(t.data);
          if ((++n % NODES_PER_CHECK) === 0 && !await breathe()) return false;
        }
        const text = parts.length === 1 ? parts[0] : parts.join('');
        // Read whole, its edges are the paragraph's: no neighbour can complete a cluster there (a text gated in
        // pieces has them, so a long one keeps the pieces' rule).
        if (pieceSignals(text, text.length <= SCAN_PIECE_CHARS) !== 0 && !await gate(text)) return false;
        if (!await breathe()) return false;
      }
      return true;
    };
    const queue = items.slice();
    let small = 0;
    for (let q = 0; q < queue.length; q++) {
      const [root, whole] = queue[q];
      // Judged as the walk judges what it meets (no isContentEditable: this scan writes nothing).
      if (!whole && (!root.isConnected || isInsideRejectedStatic(root))) continue;
      // A paragraph inside a changed subtree is met whole by its walk; one around it (the subtree is inline in it) is not.
      const inside = new Map<BlockRoot, boolean>();
      // The text node visited before (in document order) and its pre-check, and a node flagged only for a rare
      // character near its end, waiting for the next one: on a page whose paragraphs are cut by links and
      // emphasis, most rare characters stand near some cut, and reading their paragraphs whole was most of a clean
      // page's cost. Only a whole pass rules cuts out (a changed subtree's walk is not the paragraph's order).
      let prev: Text | null = null;
      let prevSignals = 0;
      let waiting: Text | null = null;
      /**
       * Whether no cluster of rare characters can cross the cut between `a` and `b`, consecutive text nodes of the
       * walk: `clean` (the one of them without a rare character near the cut) holds at least PIECE_EDGE_SPAN
       * characters, and both are read, in this order, as one paragraph's (same block, neither in a part the
       * paragraph leaves out).
       */
      const cutRuledOut = (a: Text, b: Text, clean: Text): boolean => {
        if (clean.data.length < PIECE_EDGE_SPAN) return false;
        const block = blocks.find(a);
        return blocks.find(b) === block && !isInsideRejectedStatic(a, block as Node) && !isInsideRejectedStatic(b, block as Node);
      };
      const flag = (t: Text): void => {
        if (whole === false || !isInsideRejectedStatic(t)) flagged.push(t);
      };
      /** A text of a small changed subtree, already known to lie outside rejected parts. */
      const visitSmall = (t: Text): void => {
        const b = blocks.find(t);
        let within = inside.get(b);
        if (within === undefined) inside.set(b, within = b === root || (root.nodeType !== 3 && root.contains(b)));
        if (!within) { partial.push(b); return; }
        const d = t.data;
        if (d.length !== 0 && pieceSignals(d, false) !== 0) flagged.push(t);
      };
      // The hot path of every page: one character loop per text node, and nothing else for the nodes it passes.
      const visit = (t: Text): void => {
        if (!whole) {
          if (!isInsideRejectedStatic(t, root)) visitSmall(t);
          return;
        }
        const d = t.data;
        if (d.length === 0) return;
        const s = pieceSignals(d, false);
        if (waiting !== null && ((s & (PIECE_SUSPECT | PIECE_EDGE_START)) !== 0 || !cutRuledOut(waiting, t, t))) flag(waiting);
        waiting = null;
        if ((s & PIECE_SUSPECT) !== 0 || ((s & PIECE_EDGE_START) !== 0 && (prev === null || (prevSignals & (PIECE_SUSPECT | PIECE_EDGE_END)) !== 0 || !cutRuledOut(prev, t, prev)))) flag(t);
        else if ((s & PIECE_EDGE_END) !== 0) waiting = t;
        prev = t;
        prevSignals = s;
      };
      /** The walk is over, or lost its place (it starts over): the waiting node has no neighbour to rule it out. */
      const endOfWalk = (): void => {
        if (waiting !== null) flag(waiting);
        waiting = prev = null;
        prevSignals = 0;
      };
      const addShadowRoot = (sr: ShadowRoot): void => {
        if (shadowRoots.has(sr)) return;
        shadowRoots.add(sr);
        roots.add(sr);
        batcher.observe(sr);
        queue.push([sr, true]);
      };
      // A paragraph or two added by a dynamic page: by hand (its rejected parts skipped, so every text it reports may be read).
      if (!whole && walkSmallSubtree(root, { text: visitSmall, shadowRoot: addShadowRoot, attributed: (el) => attributes.push(el) }, isReadableElement)) {
        if ((flagged.length !== 0 || partial.length !== 0) && !await judge()) return;
        // A look at the clock costs more than such a subtree: one every few of them.
        if ((++small % SMALL_PER_CHECK) === 0 && slicer.shouldYield() && !await breathe()) return;
        continue;
      }
      const walk = new TextWalk(root, doc, endOfWalk);
      const hosts = root.nodeType === 3 ? null : new ShadowHostScan(root);
      // Readable attributes with one query rather than four lookups per element.
      if (root.nodeType !== 3) {
        const found = (root as Element | Document | ShadowRoot).querySelectorAll(ATTRIBUTE_SELECTOR);
        for (let i = 0; i < found.length; i++) if (attributesAllowed(found[i]) && !isInsideRejected(found[i].parentNode!)) attributes.push(found[i]);
        if (root.nodeType === 1 && (root as Element).matches(ATTRIBUTE_SELECTOR) && attributesAllowed(root as Element)) attributes.push(root as Element);
      }
      for (let more = true; more;) {
        more = walk.step(NODES_PER_CHECK, visit);
        if (!more) endOfWalk();
        if ((flagged.length !== 0 || partial.length !== 0) && !await judge()) return;
        if (slicer.shouldYield() && !await breathe()) return;
      }
      while (hosts?.step(NODES_PER_CHECK * 4, addShadowRoot)) {
        if (slicer.shouldYield() && !await breathe()) return;
      }
    }
    let n = 0;
    for (const el of attributes) {
      if (el.isConnected && !gateAttributes(el)) return;
      if ((++n % NODES_PER_CHECK) === 0 && !await breathe()) return;
    }
  };

  /** A readable attribute the scan may gate (the long way: one query, then these checks). */
  const isReadableElement = (el: Element): boolean => el.matches(ATTRIBUTE_SELECTOR) && attributesAllowed(el);

  const onBatch = (b: MutationBatch): Promise<void> => {
    const attrs = b.attributes.map(([el]) => el);
    if (b.rescan) return pass([...roots].map((r): [Node, boolean] => [r === doc ? doc.documentElement ?? doc : r, true]), attrs);
    return pass(b.nodes.map(([n]): [Node, boolean] => [n, false]), attrs);
  };
  const batcher = new MutationBatcher({ win, signal, isOwnText: () => false, isOwnAttr: () => false, onBatch, ignoreRemovals: true });
  batcher.observe(doc);
  slicer.beginUrgentSlice();
  void pass([[doc.documentElement ?? doc, true]], []).catch((err: unknown) => console.warn('[luanma] scan failed', err));
}
