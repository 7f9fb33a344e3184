/**
 * The first content script's whole job on most pages: read the page's text the way the page repairer reads it
 * (one walk, paragraphs as one text, readable attributes, open shadow roots), run the cheap gate over it, and
 * follow the page's changes, until some text is suspect. It writes nothing and keeps nothing between passes, so
 * a clean page pays for one walk and one gate over its text, and a dynamic clean page for what it added.
 *
 * On the first suspect text it stops and calls `onSuspect`: the caller then loads the decoder bundle, whose page
 * repairer (page-repairer.ts) walks the page again and does the rest. A paragraph is gated when the walk leaves
 * it; one the walk comes back to (text after a nested block) is gated again with its text so far, so a suspect
 * is seen as early as the repairer would see it, and at worst a prefix raises a false alarm (time, no harm).
 *
 * Every pass is sliced like the repairer's (idle-slicer.ts): a few dozen nodes, or one gate piece, between two
 * looks at the clock.
 */
import { BlockFinder, blockTextNodes, type BlockRoot } from './blocks';
import { IdleSlicer } from './idle-slicer';
import { MutationBatcher, type MutationBatch } from './mutation-batcher';
import { Walk } from './page-walker';
import { pieceEnd } from './pieces';
import { MAX_ATTRIBUTE_CHARS, READABLE_ATTRIBUTES, documentIsEditable, isInsideRejected } from './text-filter';

/** DOM nodes visited between two looks at the clock (as page-repairer.ts). */
const NODES_PER_CHECK = 64;
/** The gate reads long texts in pieces this size (as page-repairer.ts's SCAN_PIECE_CHARS: a few ms each). */
const SCAN_PIECE_CHARS = 256 * 1024;

export interface SuspectScanOptions {
  win: Window;
  isSuspect(text: string): boolean;
  /** Called once, at the first suspect text; the scan has stopped by then. */
  onSuspect(): void;
  signal: AbortSignal;
}

/** Scans `opts.win`'s document until `opts.signal` aborts or suspect text shows up. */
export function scanForSuspects(opts: SuspectScanOptions): void {
  const { win, isSuspect } = opts;
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
    /** Texts of the paragraphs met whole so far (a walk from a root meets every node of its paragraphs in order). */
    const texts = new Map<BlockRoot, string[]>();
    /** Paragraphs met from a changed node inside them: read whole after the walk. */
    const partial = new Set<BlockRoot>();
    const ready: string[] = [];
    const queue = [...items];
    for (let item = queue.shift(); item; item = queue.shift()) {
      const [root, whole] = item;
      if (!whole && (!root.isConnected || isInsideRejected(root))) continue;
      let current: BlockRoot | null = null;
      const leave = () => { if (current) { const t = texts.get(current)!; ready.push(t.length === 1 ? t[0] : t.join('')); } };
      const walk = new Walk(root, doc, {
        text: (t) => {
          const b = blocks.find(t);
          if (!whole) { partial.add(b); return; }
          if (partial.has(b)) return;
          if (b !== current) { leave(); current = b; }
          const list = texts.get(b);
          if (list) list.push(t.data); else texts.set(b, [t.data]);
        },
        attributed: (el) => { attributes.push(el); },
        shadowRoot: (sr) => {
          if (shadowRoots.has(sr)) return;
          shadowRoots.add(sr);
          roots.add(sr);
          batcher.observe(sr);
          queue.push([sr, true]);
        },
        // Walking again from the start would list nodes twice: read what was met so far whole instead.
        restarted: () => { for (const b of texts.keys()) partial.add(b); texts.clear(); current = null; },
      });
      for (let more = true; more;) {
        more = walk.step(NODES_PER_CHECK);
        if (!more) leave();
        for (let t = ready.pop(); t !== undefined; t = ready.pop()) if (!await gate(t)) return;
        if (!await breathe()) return;
      }
    }
    for (const b of partial) {
      const parts: string[] = [];
      let n = 0;
      for (const t of blockTextNodes(b)) {
        parts.push(t.data);
        if ((++n % NODES_PER_CHECK) === 0 && !await breathe()) return;
      }
      if (!await gate(parts.join('')) || !await breathe()) return;
    }
    let n = 0;
    for (const el of attributes) {
      if (el.isConnected && !gateAttributes(el)) return;
      if ((++n % NODES_PER_CHECK) === 0 && !await breathe()) return;
    }
  };

  const onBatch = (b: MutationBatch): Promise<void> => {
    const attrs = b.attributes.map(([el]) => el);
    if (b.rescan) return pass([...roots].map((r): [Node, boolean] => [r === doc ? doc.documentElement ?? doc : r, true]), attrs);
    return pass(b.nodes.map(([n]): [Node, boolean] => [n, false]), attrs);
  };
  const batcher = new MutationBatcher({ win, signal, isOwnText: () => false, isOwnAttr: () => false, onBatch });
  batcher.observe(doc);
  slicer.beginUrgentSlice();
  void pass([[doc.documentElement ?? doc, true]], []).catch((err: unknown) => console.warn('[luanma] scan failed', err));
}
