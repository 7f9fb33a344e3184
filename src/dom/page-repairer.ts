/**
 * Repairs one document (one frame) in place: scans it, hands suspect paragraphs to the decoder,
 * rewrites text node values (never markup), follows mutations, and restores everything on stop.
 * Takes its window as a parameter, so unit tests drive it with happy-dom.
 *
 * Every pass (the first scan, each mutation batch) is bounded work per task on any page: it walks, reads,
 * gates and judges a little at a time inside idle slices (idle-slicer.ts), the visible part first. The
 * decoder gets pieces of a few milliseconds (pieces.ts; a 10 MB text node is thousands of pieces, with the node
 * rewritten after its first piece and then at most once a second), nothing spreads a long array into a call,
 * and every queue is O(1) per item. A frame's decoder work has a ceiling (MAX_DECODER_CHARS): what lies beyond
 * it is counted as skipped, and the popup says so.
 */
import type { Engine, Evidence, Hints, RepairResult, Step } from '../core/types';
import { mergeEvidence } from '../core/types';
import { BlockFinder, blockTextNodes, type BlockRoot } from './blocks';
import { Deque } from './deque';
import { Highlighter } from './highlights';
import { IdleSlicer, type Priority } from './idle-slicer';
import { PostingSlicer } from './posting-slicer';
import { LoopGuard } from './loop-guard';
import { MutationBatcher, type MutationBatch } from './mutation-batcher';
import { Walk } from './page-walker';
import { pieceEnd } from './pieces';
import { RewriteStore, type RepairCounts } from './rewrite-store';
import { mapStepsToNodes, type NodeEdit, type RewrittenSpan } from './step-mapping';
import { MAX_ATTRIBUTE_CHARS, READABLE_ATTRIBUTES, documentIsEditable, isInsideRejected } from './text-filter';
import { installUndoOverlay, type OverlayStrings } from './undo-overlay';

/**
 * A long paragraph goes to the decoder in pieces of whole lines up to this size (UTF-16 units): one decoder call of
 * 7–14 ms at this machine's 1.2–2.3 M chars/s. Fixed, not sized by the measured speed: where a piece ends decides
 * what a repair sees (a quotation opened on one hard-wrapped line and closed many lines later pairs only inside one
 * piece), so a piece size that followed the machine's load repaired the same page differently on a busy machine.
 */
export const PIECE_CHARS = 16_384;
/** The gate and the evidence read long texts in pieces this size (about 100 M chars/s: a few ms each). */
export const SCAN_PIECE_CHARS = 256 * 1024;
/**
 * A long paragraph is rewritten after its first piece (the part in view), then now and then, then at the end.
 * Every rewrite of a text node costs the browser a relayout of the whole node (seconds for a 10 MB one), so the
 * next interim rewrite waits at least LONG_WRITE_INTERVAL_MS, and LONG_WRITE_COST_FACTOR times as long as the
 * last one took to render: the page spends at most about 1/LONG_WRITE_COST_FACTOR of its time on our relayouts.
 */
export const LONG_WRITE_INTERVAL_MS = 1000;
export const LONG_WRITE_COST_FACTOR = 20;
/**
 * A frame's decoder input, per run, beyond which suspect text is left as it is and counted as skipped: at the
 * decoder's 1–2 M chars/s this is seconds of idle time, not minutes.
 */
export const MAX_DECODER_CHARS = 24 * 1024 * 1024;
/** Distinct texts that feed the page's evidence: a page re-rendering the same list does not inflate it. */
export const MAX_EVIDENCE_TEXTS = 100_000;
/** DOM nodes visited between two looks at the clock. */
const NODES_PER_CHECK = 64;
/**
 * Text below the fold is written in batches, the next one after BACKGROUND_FLUSH_COST_FACTOR times what the frame
 * after the last batch cost, and at least BACKGROUND_FLUSH_MIN_MS apart: on a page of 200,000 nodes every frame
 * with a text change costs the browser a relayout of ~250 ms, whoever made the change, so there the batches go
 * out a second apart and the page keeps four fifths of its time; on a 100 KB article a relayout costs ~20 ms and
 * waiting a second would only leave damaged text on screen for nothing. Visible text and mutations are written at once.
 */
export const BACKGROUND_FLUSH_COST_FACTOR = 4;
export const BACKGROUND_FLUSH_MIN_MS = 100;
/** One batch of writes (store, highlight ranges, the text itself) takes at most this long; the rest waits for the next slice. */
export const FLUSH_BUDGET_MS = 20;
/**
 * When the frame after a batch of writes took longer than EXPENSIVE_FRAME_MS (the browser relaying out a page
 * of 130,000 paragraphs: 0.8 s, whoever changed it), a batch may write for FLUSH_BUDGET_LARGE_MS, and the next
 * waits as long again as that frame took: the page keeps at least half of its time.
 */
export const EXPENSIVE_FRAME_MS = 100;
export const FLUSH_BUDGET_LARGE_MS = 25;
/** One slice's share of writing a paragraph that must be written now (visible text, a mutation). */
export const WRITE_BUDGET_MS = 10;

export interface RepairedSpanReport {
  kind: Step['kind'];
  original: string;
  replacement: string;
  lossy: boolean;
}

export interface PageRepairerOptions {
  win: Window;
  /**
   * The cheap gate: only paragraphs it flags ever reach the decoder. With page evidence it also
   * lets through paragraphs that only look damaged in their page's context (a Founder line
   * without a telltale character, on a page full of them).
   */
  isSuspect(text: string, evidence?: Evidence): boolean;
  /** Loads the decoder on first need (most pages never call it). */
  loadDecoder(): Promise<Engine>;
  overlayStrings?: OverlayStrings;
  /** The frame's decoder ceiling (default MAX_DECODER_CHARS). */
  maxDecoderChars?: number;
  /** True when the document already carries highlights.css (injected with the content script). */
  highlightCssInDocument?: boolean;
  /** Called after writes with the frame's current counts (the caller coalesces). */
  onUpdate?(counts: RepairCounts): void;
}

const sameHints = (a: Hints, b: Hints) => a.source === b.source && a.founder === b.founder;

/** A paragraph as read: its text nodes, what each holds as the page wrote it, and the whole. */
interface BlockText { block: BlockRoot; nodes: Text[]; texts: string[]; text: string }

/** A paragraph's text nodes as a pass's walk met them; `complete` when the walk covered the whole paragraph. */
interface BlockGroup { nodes: Text[]; complete: boolean; hasText: boolean; at: number | undefined }

/** Edits computed and not yet written (text below the fold waits for the next batch of writes). */
interface PendingWrite {
  bt: BlockText;
  edits: NodeEdit[];
  final: boolean;
  /** Progress: writes of one paragraph can take several slices (a node 2,000 elements deep costs Firefox ~1.6 ms). */
  next: number;
  restoreNext: number;
  checked: boolean;
  stale: boolean;
  wrote: boolean;
  edited: Set<number>;
}

/** What one start() … stop() owns. */
class Run {
  readonly ctl = new AbortController();
  readonly slicer: IdleSlicer;
  readonly guard: LoopGuard;
  batcher!: MutationBatcher;
  readonly roots = new Set<Document | ShadowRoot>();
  /** Shadow roots found in this run (a new run walks them all again). */
  readonly shadowRoots = new WeakSet<ShadowRoot>();
  evidence: Evidence | null = null;
  readonly evidenceSeen = new Set<string>();
  decoderChars = 0;
  skipped = 0;
  readonly skippedBlocks = new WeakSet<object>();
  /** Text nodes this run has written (to tell a revert from a move). */
  readonly wroteNodes = new WeakSet<Text>();
  readonly queued = new Deque<PendingWrite>();
  /** A queued write that a flush began and ran out of time on. */
  current: PendingWrite | null = null;
  /** When the last background flush began; none yet, so the first may go out at once (not 1 s after navigation). */
  lastFlush = -Infinity;
  /** A flush ran out of time: the next slice goes on writing, if frames are cheap. */
  flushing = false;
  /** When the last background flush ended (to measure the frame after it), and what that frame cost. */
  flushEnd = -1;
  frameCost = 0;
  nextFlush = 0;

  constructor(win: Window) {
    this.slicer = new PostingSlicer(win, this.ctl.signal);
    this.guard = new LoopGuard(() => win.performance.now());
  }

  get aborted(): boolean { return this.ctl.signal.aborted; }
}

export class PageRepairer {
  readonly store = new RewriteStore();
  private readonly highlighter: Highlighter;
  private run: Run | null = null;
  private decoder: Promise<Engine> | null = null;
  private nextGroup = 0;
  private pending = 0;
  private idleWaiters: Array<() => void> = [];
  private highlight = true;
  private dirty = false;
  /** What the decoder is told about this page's text (the site's rule: e-paper, never Founder); see setHints. */
  private hints: Hints = {};

  constructor(private readonly opts: PageRepairerOptions) {
    this.highlighter = new Highlighter(opts.win, this.store, opts.highlightCssInDocument);
  }

  get running(): boolean { return this.run !== null; }

  /** Starts repairing; `signal` ends the repairer's whole lifetime (e.g. the content script's ctx.signal). */
  start(signal: AbortSignal): void {
    if (this.run || signal.aborted) return;
    const { win } = this.opts;
    const run = new Run(win);
    this.run = run;
    signal.addEventListener('abort', () => { if (this.run === run) this.stop(); }, { once: true, signal: run.ctl.signal });
    run.batcher = new MutationBatcher({
      win, signal: run.ctl.signal,
      isOwnText: (n) => this.store.isOwnText(n),
      isOwnAttr: (el, name) => this.store.isOwnAttr(el, name),
      onBatch: (b) => this.onBatch(run, b),
      delayFactor: () => run.guard.batchDelayFactor(),
    });
    if (this.opts.overlayStrings) {
      installUndoOverlay({
        win, store: this.store, strings: this.opts.overlayStrings, signal: run.ctl.signal,
        onUndo: (group) => { this.store.undoGroup(group); this.report(); },
      });
    }
    this.highlighter.setEnabled(this.highlight);
    run.roots.add(win.document);
    run.batcher.observe(win.document);
    run.slicer.beginUrgentSlice();
    void this.pass(run, [[win.document.documentElement ?? win.document, undefined]], 'initial', []);
  }

  /** Stops and restores the page's text exactly, at once. */
  stop(): void {
    const run = this.run;
    if (!run) return;
    this.run = null;
    run.ctl.abort();
    this.store.restoreAll();
    this.highlighter.setEnabled(false);
    this.report();
  }

  /**
   * The decoder's hints for this page (the site's rule, as the CLI's --hint and --founder). Returns true when they
   * changed: every decision so far was taken without them, so a running repairer must be stopped and started
   * again (the page restored, then judged anew) for them to apply to what it already repaired.
   */
  setHints(hints: Hints): boolean {
    if (sameHints(hints, this.hints)) return false;
    this.hints = { ...hints };
    return true;
  }

  get currentHints(): Hints { return { ...this.hints }; }

  setHighlight(on: boolean): void {
    this.highlight = on;
    this.highlighter.setEnabled(on && this.running);
  }

  /** Resolves when no scan or batch is in progress (tests and the copy handlers use it). */
  whenSettled(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The frame's counts: what is rewritten or flagged now, and what the decoder budget left out. */
  counts(): RepairCounts {
    const c = this.store.counts();
    c.skipped = this.run?.skipped ?? 0;
    return c;
  }

  /** Every span currently rewritten or flagged, with what it became. */
  spans(): RepairedSpanReport[] {
    const out: RepairedSpanReport[] = [];
    for (const [node, rec] of this.store.entries()) {
      for (const s of rec.spans) out.push({ kind: s.kind, original: s.original, replacement: node.data.slice(s.start, s.end), lossy: s.lossy });
    }
    return out;
  }

  private report(): void {
    this.dirty = false;
    this.opts.onUpdate?.(this.counts());
  }

  /** Gives the page its thread back when the slice is spent; false when the run ended meanwhile. */
  private async breathe(run: Run, priority: Priority): Promise<boolean> {
    if (!run.slicer.shouldYield()) return !run.aborted;
    if ((run.current || run.queued.length) && (priority === 'urgent' || this.flushDue(run))) this.flush(run);
    if (this.dirty) this.report();
    await run.slicer.next(priority);
    this.measureFlush(run);
    return !run.aborted && this.run === run;
  }

  private async onBatch(run: Run, batch: MutationBatch): Promise<void> {
    if (run.aborted) return;
    if (batch.removed) this.store.prune();
    if (batch.rescan) {
      const doc = this.opts.win.document;
      const roots: Array<[Node, number | undefined]> = [];
      for (const r of run.roots) roots.push([r === doc ? doc.documentElement ?? doc : r, undefined]);
      await this.pass(run, roots, 'rescan', batch.attributes);
    } else {
      await this.pass(run, batch.nodes, 'batch', batch.attributes);
    }
    if (batch.removed && this.dirty) this.report();
  }

  /**
   * One pass over `roots` (each with the time it changed, for the loop guard): walk, read and gate every
   * paragraph, then, if any is suspect, load the decoder, add to the page's evidence, gate again with it,
   * and judge the suspects, visible ones first.
   */
  private async pass(run: Run, roots: Array<[Node, number | undefined]>, mode: 'initial' | 'batch' | 'rescan', attrs: Array<[Element, number]>): Promise<void> {
    const doc = this.opts.win.document;
    if (run.aborted || documentIsEditable(doc)) return;
    this.pending++;
    try {
      await this.passInner(run, roots, mode, attrs);
    } catch (err) {
      console.warn('[luanma] repair pass failed', err);
    } finally {
      while (this.run === run && (run.current || run.queued.length)) {
        if (this.flushDue(run)) this.flush(run);
        if (run.current || run.queued.length) { await run.slicer.next('background'); this.measureFlush(run); }
      }
      if (this.dirty) this.report();
      if (--this.pending === 0) this.settle();
    }
  }

  /** May the queued writes below the fold go out now? */
  private flushDue(run: Run): boolean {
    const now = this.opts.win.performance.now();
    if (run.flushing && run.frameCost < EXPENSIVE_FRAME_MS) return true;
    const gap = run.flushing ? 0 : Math.max(BACKGROUND_FLUSH_MIN_MS, run.frameCost * BACKGROUND_FLUSH_COST_FACTOR);
    return now >= run.nextFlush && now - run.lastFlush >= gap;
  }

  /** The slice after a flush starts once the browser has laid out what was written: that wait is the frame's cost. */
  private measureFlush(run: Run): void {
    if (run.flushEnd < 0) return;
    const now = this.opts.win.performance.now();
    run.frameCost = now - run.flushEnd;
    run.nextFlush = now + (run.frameCost >= EXPENSIVE_FRAME_MS ? run.frameCost : 0);
    run.flushEnd = -1;
  }

  /** Writes queued edits (each checked against the page as it is now), for at most FLUSH_BUDGET_MS. */
  private flush(run: Run, budgetMs = run.frameCost >= EXPENSIVE_FRAME_MS ? FLUSH_BUDGET_LARGE_MS : FLUSH_BUDGET_MS): void {
    const perf = this.opts.win.performance;
    const start = perf.now();
    run.lastFlush = start;
    for (let w = run.current ?? run.queued.shift(); w; w = run.queued.shift()) {
      run.current = this.applySome(run, w, start + budgetMs) ? null : w;
      if (run.current || perf.now() - start >= budgetMs) break;
    }
    run.flushing = run.current !== null || run.queued.length > 0;
    run.flushEnd = perf.now();
  }

  private async passInner(run: Run, roots: Array<[Node, number | undefined]>, mode: 'initial' | 'batch' | 'rescan', attrs: Array<[Element, number]>): Promise<void> {
    const doc = this.opts.win.document;
    const urgent: Priority = 'urgent';

    // 1. Walk: paragraphs (each with the latest time it changed), elements with readable attributes. A walk
    // from a document or shadow root meets every text node of each paragraph in it, in order, so it reads the
    // paragraphs as it goes; a paragraph met from a changed node inside it is read whole afterwards.
    const groups = new Map<BlockRoot, BlockGroup>();
    const blocks = new BlockFinder();
    const attributed = new Map<Element, number | undefined>();
    for (const [el, at] of attrs) attributed.set(el, at);
    const queue = new Deque<[Node, number | undefined, boolean]>();
    for (const [root, at] of roots) queue.push([root, at, mode !== 'batch']);
    for (let item = queue.shift(); item; item = queue.shift()) {
      const [root, at, whole] = item;
      if (mode === 'batch' && !whole && (!root.isConnected || isInsideRejected(root))) continue;
      const walk = new Walk(root, doc, {
        text: (t, blank) => {
          const b = blocks.find(t);
          let g = groups.get(b);
          if (!g) { g = { nodes: [], complete: whole, hasText: false, at }; groups.set(b, g); }
          else { if (later(at, g.at)) g.at = at; if (!whole) g.complete = false; }
          if (g.complete) g.nodes.push(t);
          if (!blank) g.hasText = true;
        },
        attributed: (el) => { if (!attributed.has(el)) attributed.set(el, at); },
        shadowRoot: (sr) => {
          if (run.shadowRoots.has(sr)) return;
          run.shadowRoots.add(sr);
          run.roots.add(sr);
          run.batcher.observe(sr);
          queue.push([sr, at, true]);
        },
        // Walking again from the start would list nodes twice: read those paragraphs whole instead.
        restarted: () => { for (const g of groups.values()) g.complete = false; },
      });
      while (walk.step(NODES_PER_CHECK)) if (!await this.breathe(run, urgent)) return;
      if (!await this.breathe(run, urgent)) return;
    }

    // 2. Read and gate. The gate sees a paragraph as one text: damage cut in two by markup may only show whole.
    const suspects: Array<[BlockRoot, BlockText, number | undefined]> = [];
    const others: Array<[BlockRoot, BlockText, number | undefined]> = [];
    for (const [block, g] of groups) {
      if (!g.hasText) continue;
      const at = g.at;
      const bt = g.complete ? await this.textOf(run, block, g.nodes, urgent) : await this.readBlock(run, block, urgent);
      if (!bt) return;
      if (bt.text.trim() === '') continue;
      const suspect = await this.gate(run, bt.text, urgent);
      if (suspect === null) return;
      (suspect ? suspects : others).push([block, bt, at]);
      if (!await this.breathe(run, urgent)) return;
    }
    const attrValues = (el: Element) => READABLE_ATTRIBUTES.map((a) => this.store.originalAttr(el, a)).filter((v): v is string => v !== null && v.length <= MAX_ATTRIBUTE_CHARS);
    const gateAttrs = (el: Element) => attrValues(el).some((v) => this.opts.isSuspect(v, run.evidence ?? undefined));
    const suspectAttrs: Array<[Element, number | undefined]> = [];
    const otherAttrs: Array<[Element, number | undefined]> = [];
    let n = 0;
    for (const entry of attributed) {
      if (entry[0].isConnected) (gateAttrs(entry[0]) ? suspectAttrs : otherAttrs).push(entry);
      if ((++n % NODES_PER_CHECK) === 0 && !await this.breathe(run, urgent)) return;
    }
    if (suspects.length === 0 && suspectAttrs.length === 0) return;

    // 3. The decoder, on first need.
    const decoder = await this.loadDecoder();
    if (this.run !== run) return;

    // 4. Page-level evidence (how much real punctuation, how many Founder-looking paragraphs) lets each
    // paragraph be judged like the whole page; later passes add to it.
    const fresh = await this.collectEvidence(run, decoder, suspects, others);
    if (!fresh) return;

    // 5. Gate again with the evidence: on a Founder page, lines without a telltale character count too.
    if (run.evidence) {
      for (const entry of others) {
        const suspect = await this.gate(run, entry[1].text, urgent);
        if (suspect === null) return;
        if (suspect) suspects.push(entry);
        if (!await this.breathe(run, urgent)) return;
      }
      for (const entry of otherAttrs) {
        if (gateAttrs(entry[0])) suspectAttrs.push(entry);
        if ((++n % NODES_PER_CHECK) === 0 && !await this.breathe(run, urgent)) return;
      }
    }

    // 6. The first scan repairs what is on screen first; the rest waits for idle time behind mutations.
    const first: typeof suspects = [];
    const rest: typeof suspects = [];
    if (mode === 'initial') {
      for (const entry of suspects) {
        (this.isVisible(entry[0]) ? first : rest).push(entry);
        if ((++n % NODES_PER_CHECK) === 0 && !await this.breathe(run, urgent)) return;
      }
    } else {
      for (const entry of suspects) first.push(entry);
    }

    // 7. Judge.
    for (const [, bt, at] of first) if (!await this.judgeBlock(run, bt, decoder, at, urgent)) return;
    for (const [el, at] of suspectAttrs) {
      this.judgeAttributes(run, el, decoder, at);
      if (!await this.breathe(run, urgent)) return;
    }
    for (const [, bt, at] of rest) if (!await this.judgeBlock(run, bt, decoder, at, 'background')) return;
  }

  private loadDecoder(): Promise<Engine> {
    // A failed load is not remembered: the next pass asks again.
    this.decoder ??= this.opts.loadDecoder().catch((err: unknown) => { this.decoder = null; throw err; });
    return this.decoder;
  }

  /** A paragraph's texts as the page wrote them, from its nodes. */
  private async textOf(run: Run, block: BlockRoot, nodes: Text[], priority: Priority): Promise<BlockText | null> {
    const texts = new Array<string>(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      texts[i] = this.store.originalText(nodes[i]);
      if ((i + 1) % NODES_PER_CHECK === 0 && !await this.breathe(run, priority)) return null;
    }
    return { block, nodes, texts, text: texts.length === 1 ? texts[0] : texts.join('') };
  }

  /** A paragraph's nodes and texts, read a few dozen nodes at a time; null if the run ended meanwhile. */
  private async readBlock(run: Run, block: BlockRoot, priority: Priority): Promise<BlockText | null> {
    const nodes: Text[] = [];
    const texts: string[] = [];
    let n = 0;
    for (const t of blockTextNodes(block)) {
      nodes.push(t);
      texts.push(this.store.originalText(t));
      if ((++n % NODES_PER_CHECK) === 0 && !await this.breathe(run, priority)) return null;
    }
    return { block, nodes, texts, text: texts.length === 1 ? texts[0] : texts.join('') };
  }

  /** The cheap gate over a text of any length (long ones a piece at a time); null if the run ended. */
  private async gate(run: Run, text: string, priority: Priority): Promise<boolean | null> {
    const evidence = run.evidence ?? undefined;
    if (text.length <= SCAN_PIECE_CHARS) return this.opts.isSuspect(text, evidence);
    for (let at = 0; at < text.length;) {
      const end = pieceEnd(text, at, SCAN_PIECE_CHARS);
      if (this.opts.isSuspect(text.slice(at, end), evidence)) return true;
      at = end;
      if (!await this.breathe(run, priority)) return null;
    }
    return false;
  }

  /** Adds this pass's paragraphs (each distinct text once) to the page's evidence, in pieces; false if the run ended. */
  private async collectEvidence(run: Run, decoder: Engine, ...lists: Array<Array<[BlockRoot, BlockText, number | undefined]>>): Promise<boolean> {
    let batch: string[] = [];
    let chars = 0;
    let added: Evidence | null = null;
    const flush = () => {
      if (batch.length === 0) return;
      const e = decoder.collectEvidence(batch);
      added = added ? mergeEvidence(added, e) : e;
      batch = [];
      chars = 0;
    };
    for (const list of lists) {
      for (const [, { text }] of list) {
        if (text.length <= SCAN_PIECE_CHARS) {
          if (run.evidenceSeen.has(text)) continue;
          if (run.evidenceSeen.size < MAX_EVIDENCE_TEXTS) run.evidenceSeen.add(text);
          batch.push(text);
          chars += text.length;
          if (chars >= SCAN_PIECE_CHARS) flush();
        } else {
          // Evidence is counted per line, so whole-line pieces add up to the whole text's.
          for (let at = 0; at < text.length;) {
            const end = pieceEnd(text, at, SCAN_PIECE_CHARS);
            batch.push(text.slice(at, end));
            flush();
            at = end;
            if (!await this.breathe(run, 'urgent')) return false;
          }
        }
        if (!await this.breathe(run, 'urgent')) return false;
      }
    }
    flush();
    if (added) run.evidence = run.evidence ? mergeEvidence(run.evidence, added) : added;
    return true;
  }

  /**
   * Judges one paragraph: asks the loop guard, repairs it (a long one piece by piece, rewritten after the first
   * piece and then now and then), and writes the result. False when the run ended.
   */
  private async judgeBlock(run: Run, bt: BlockText, decoder: Engine, seenAt: number | undefined, priority: Priority): Promise<boolean> {
    const text = bt.text;
    // A revert: a node we wrote no longer shows it, or the paragraph shows nothing we wrote (its node swapped
    // for a new one). A paragraph the page merely moved still shows our writes.
    const reverted = seenAt !== undefined && (bt.nodes.some((n) => run.wroteNodes.has(n) && !this.store.recordOf(n)) || !bt.nodes.some((n) => this.store.recordOf(n)));
    if (!run.guard.allow(text, reverted ? seenAt : undefined, bt.block)) return this.breathe(run, priority); // the page fights over this text: no work
    const out = bt.nodes.length === 1 ? new OneNodeEdits(bt, () => this.nextGroup++) : new NodeSteps(bt, () => this.nextGroup++);
    let nextWrite = -Infinity;
    for (let at = 0; at < text.length;) {
      const end = pieceEnd(text, at, PIECE_CHARS);
      if (run.decoderChars >= (this.opts.maxDecoderChars ?? MAX_DECODER_CHARS)) {
        if (!run.skippedBlocks.has(bt.nodes[0] ?? bt)) { run.skippedBlocks.add(bt.nodes[0] ?? bt); run.skipped += text.length - at; this.dirty = true; }
        break;
      }
      const whole = at === 0 && end === text.length;
      const piece = whole ? text : text.slice(at, end);
      // The paragraph passed the gate as a whole; a piece of a long one must pass it on its own.
      out.add(at, piece, whole || this.opts.isSuspect(piece, run.evidence ?? undefined) ? this.repairPiece(run, decoder, piece) : null);
      at = end;
      if (at < text.length) {
        const perf = this.opts.win.performance;
        if (out.found && perf.now() >= nextWrite) {
          if (!await this.applyNow(run, out.edits(false), priority)) return this.breathe(run, priority);
          // The next slice begins after the browser has laid out what we wrote: that wait is the write's cost.
          const wrote = perf.now();
          if (this.dirty) this.report();
          await run.slicer.next(priority);
          if (run.aborted || this.run !== run) return false;
          const cost = perf.now() - wrote;
          nextWrite = perf.now() + Math.max(LONG_WRITE_INTERVAL_MS, cost * LONG_WRITE_COST_FACTOR);
        }
        if (!await this.breathe(run, priority)) return false;
      }
    }
    const edits = out.edits(true);
    if (priority === 'background') run.queued.push(edits);
    else await this.applyNow(run, edits, priority);
    return this.breathe(run, priority);
  }

  /** One decoder call, counted against the frame's decoder budget. */
  private repairPiece(run: Run, decoder: Engine, text: string): RepairResult {
    const result = decoder.repair(text, run.evidence ?? undefined, this.hints);
    run.decoderChars += text.length;
    return result;
  }

  /** Writes `w` now, a slice's share at a time; false if the page had changed the paragraph or the run ended. */
  private async applyNow(run: Run, w: PendingWrite, priority: Priority): Promise<boolean> {
    const perf = this.opts.win.performance;
    while (!this.applySome(run, w, perf.now() + WRITE_BUDGET_MS)) {
      if (this.dirty) this.report();
      await run.slicer.next(priority);
      if (run.aborted || this.run !== run) return false;
    }
    return !w.stale;
  }

  /**
   * Writes edits into the paragraph's nodes until `deadline`; true when `w` is finished. Every node the edits
   * touch (every node, for a final write) must still be in the page and hold what was read: if the page changed
   * one, nothing is written (its mutation brings the paragraph back) and `w.stale` is set. A node the page
   * changes while the writes of its paragraph go on over several slices is skipped the same way.
   */
  private applySome(run: Run, w: PendingWrite, deadline: number): boolean {
    const { bt, edits, final } = w;
    if (!w.checked) {
      w.checked = true;
      const ok = final ? bt.nodes.every((_, i) => this.holdsRead(bt, i)) : edits.every((e) => this.holdsRead(bt, e.index));
      if (!ok) { w.stale = true; return true; }
    }
    const perf = this.opts.win.performance;
    while (w.next < edits.length) {
      const e = edits[w.next++];
      const node = bt.nodes[e.index];
      w.edited.add(e.index);
      if (this.store.isPinned(node) || !this.holdsRead(bt, e.index)) continue;
      if (node.data !== e.text) w.wrote = true;
      this.store.writeText(node, bt.texts[e.index], e.text, e.spans);
      run.wroteNodes.add(node);
      if (perf.now() >= deadline && w.next < edits.length) return false;
    }
    if (final) {
      while (w.restoreNext < bt.nodes.length) {
        const i = w.restoreNext++;
        if (w.edited.has(i) || !this.store.recordOf(bt.nodes[i])) continue;
        this.store.restoreText(bt.nodes[i]);
        w.wrote = true;
        if (perf.now() >= deadline && w.restoreNext < bt.nodes.length) return false;
      }
    }
    if (w.wrote) { run.guard.wrote(bt.text, bt.block); this.dirty = true; }
    return true;
  }

  private holdsRead(bt: BlockText, i: number): boolean {
    const node = bt.nodes[i];
    return node.isConnected && this.store.originalText(node) === bt.texts[i];
  }

  private judgeAttributes(run: Run, el: Element, decoder: Engine, seenAt: number | undefined): void {
    for (const name of READABLE_ATTRIBUTES) {
      const live = this.store.isOwnAttr(el, name);
      const original = this.store.originalAttr(el, name);
      if (original === null || original.length > MAX_ATTRIBUTE_CHARS || !this.opts.isSuspect(original, run.evidence ?? undefined)) continue;
      const key = `\u0000${name}\u0000${original}`;
      if (!run.guard.allow(key, live ? undefined : seenAt, el)) continue;
      const { steps } = this.repairPiece(run, decoder, original);
      const [edit] = mapStepsToNodes([original], steps, this.nextGroup);
      this.nextGroup += steps.length;
      const before = el.getAttribute(name);
      this.store.writeAttr(el, name, original, edit?.text ?? original, edit?.spans ?? []);
      if (el.getAttribute(name) !== before) { run.guard.wrote(key, el); this.dirty = true; }
    }
  }

  private isVisible(block: BlockRoot): boolean {
    const el = block.nodeType === 1 ? (block as Element) : block.nodeType === 11 ? (block as ShadowRoot).host : null;
    if (!el || el.closest('head')) return true;
    const r = el.getBoundingClientRect();
    const { innerHeight, innerWidth } = this.opts.win;
    return r.bottom >= 0 && r.right >= 0 && r.top <= innerHeight && r.left <= innerWidth;
  }

  private settle(): void {
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }
}

/** True when time `a` is later than `b` (undefined: a scan, earlier than any mutation). */
function later(a: number | undefined, b: number | undefined): boolean {
  return a !== undefined && (b === undefined || a > b);
}

function pending(bt: BlockText, edits: NodeEdit[], final: boolean): PendingWrite {
  return { bt, edits, final, next: 0, restoreNext: 0, checked: false, stale: false, wrote: false, edited: new Set() };
}

/** What the pieces of a paragraph repaired so far come to, as node edits. */
interface PieceResults {
  /** True once some piece had a step. */
  readonly found: boolean;
  /** Records the result of the piece of the paragraph's text at `at` (null: the piece is left as it is). */
  add(at: number, piece: string, result: RepairResult | null): void;
  /** The node edits so far (`final`: every piece has been added). */
  edits(final: boolean): PendingWrite;
}

/** A paragraph of several nodes: its steps, mapped onto the nodes when written. */
class NodeSteps implements PieceResults {
  private readonly steps: Step[] = [];
  private readonly groups: number[] = [];
  constructor(private readonly bt: BlockText, private readonly group: () => number) {}
  get found(): boolean { return this.steps.length > 0; }
  add(at: number, _piece: string, result: RepairResult | null): void {
    for (const s of result?.steps ?? []) {
      this.steps.push(at === 0 ? s : { ...s, start: s.start + at, end: s.end + at });
      this.groups.push(this.group());
    }
  }
  edits(final: boolean): PendingWrite {
    return pending(this.bt, mapStepsToNodes(this.bt.texts, this.steps, 0, (i) => this.groups[i]), final);
  }
}

/**
 * A paragraph of one text node (a 10 MB text node is one): its new text is built piece by piece as the pieces
 * are repaired, so writing it costs a join, not a pass over every step of the whole text in one task.
 */
class OneNodeEdits implements PieceResults {
  private readonly parts: string[] = [];
  private readonly spans: RewrittenSpan[] = [];
  private length = 0;
  private done = 0;
  constructor(private readonly bt: BlockText, private readonly group: () => number) {}
  get found(): boolean { return this.spans.length > 0; }
  add(at: number, piece: string, result: RepairResult | null): void {
    const outText = result ? result.text : piece;
    let delta = 0;
    for (const s of result?.steps ?? []) {
      const start = this.length + s.start + delta;
      this.spans.push({
        start, end: start + s.replacement.length, original: s.original, kind: s.kind, group: this.group(),
        lossy: s.lossy, confidence: s.confidence, codecs: s.codecs, solo: true,
      });
      delta += s.replacement.length - (s.end - s.start);
    }
    this.parts.push(outText);
    this.length += outText.length;
    this.done = at + piece.length;
  }
  edits(final: boolean): PendingWrite {
    const rest = final ? '' : this.bt.texts[0].slice(this.done);
    const text = this.parts.join('') + rest;
    return pending(this.bt, this.spans.length ? [{ index: 0, text, spans: final ? this.spans : this.spans.slice() }] : [], final);
  }
}
