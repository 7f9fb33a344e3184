/**
 * Repairs one document (one frame) in place: scans it, hands suspect paragraphs to the decoder,
 * rewrites text node values (never markup), follows mutations, and restores everything on stop.
 * Takes its window as a parameter, so unit tests drive it with happy-dom.
 */
import { repairChunks } from '../core/document/repair-chunks';
import { mergeEvidence, type Engine, type Evidence, type Step } from '../core/types';
import { blockOf, textNodesOfBlock, type BlockRoot } from './blocks';
import { Highlighter } from './highlights';
import { IdleSlicer } from './idle-slicer';
import { MutationBatcher, type MutationBatch } from './mutation-batcher';
import { walk } from './page-walker';
import { RewriteStore, type RepairCounts } from './rewrite-store';
import { mapStepsToNodes } from './step-mapping';
import { READABLE_ATTRIBUTES, documentIsEditable, isInsideRejected } from './text-filter';
import { installUndoOverlay, type OverlayStrings } from './undo-overlay';

/**
 * A page script that keeps putting damaged text back would make us repair forever; after this
 * many writes to one node we leave it to the page.
 */
export const MAX_WRITES_PER_NODE = 8;
/**
 * Very long paragraphs (a .txt novel in one <pre>) are repaired in chunks of whole lines of at most this many
 * characters: small enough that one engine call stays within a slice of the page's time, large enough that
 * pairs hard-wrapped across lines (野…冶) stay together.
 */
export const PAGE_CHUNK_CHARS = 16_384;

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
  /** Called after each pass with the frame's current counts. */
  onUpdate?(counts: RepairCounts): void;
}

export class PageRepairer {
  readonly store = new RewriteStore();
  private readonly highlighter: Highlighter;
  private run: AbortController | null = null;
  private batcher: MutationBatcher | null = null;
  private slicer: IdleSlicer | null = null;
  private decoder: Promise<Engine> | null = null;
  private evidence: Evidence | null = null;
  private nextGroup = 0;
  private writes = new WeakMap<Text, number>();
  private readonly roots = new Set<Document | ShadowRoot>();
  private readonly knownShadowRoots = new WeakSet<ShadowRoot>();
  private pending = 0;
  private idleWaiters: Array<() => void> = [];
  private highlight = true;

  constructor(private readonly opts: PageRepairerOptions) {
    this.highlighter = new Highlighter(opts.win, this.store);
  }

  get running(): boolean { return this.run !== null; }

  /** Starts repairing; `signal` ends the repairer's whole lifetime (e.g. the content script's ctx.signal). */
  start(signal: AbortSignal): void {
    if (this.run) return;
    const run = new AbortController();
    this.run = run;
    const onOuterAbort = () => this.stop();
    signal.addEventListener('abort', onOuterAbort, { once: true, signal: run.signal });
    const { win } = this.opts;
    this.slicer = new IdleSlicer(win, run.signal);
    this.batcher = new MutationBatcher({
      win, signal: run.signal,
      isOwnText: (n) => this.store.isOwnText(n),
      isOwnAttr: (el, name) => this.store.isOwnAttr(el, name),
      onBatch: (b) => this.onBatch(b),
    });
    if (this.opts.overlayStrings) {
      installUndoOverlay({
        win, store: this.store, strings: this.opts.overlayStrings, signal: run.signal,
        onUndo: (group) => { this.store.undoGroup(group); this.afterPass(); },
      });
    }
    this.roots.clear();
    this.roots.add(win.document);
    this.batcher.observe(win.document);
    void this.scan([win.document.documentElement ?? win.document], true);
  }

  /** Stops and restores the page's text exactly, at once. */
  stop(): void {
    if (!this.run) return;
    this.run.abort();
    this.run = null;
    this.batcher = null;
    this.slicer = null;
    this.evidence = null;
    this.store.restoreAll();
    this.writes = new WeakMap();
    this.highlighter.refresh();
    this.opts.onUpdate?.(this.store.counts());
    this.settle();
  }

  setHighlight(on: boolean): void {
    this.highlight = on;
    this.highlighter.setEnabled(on && this.running);
  }

  /** Resolves when no scan or batch is in progress (tests and the e2e bridge use it). */
  whenSettled(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Every span currently rewritten or flagged, with what it became. */
  report(): RepairedSpanReport[] {
    const out: RepairedSpanReport[] = [];
    for (const [node, rec] of this.store.entries()) {
      for (const s of rec.spans) out.push({ kind: s.kind, original: s.original, replacement: node.data.slice(s.start, s.end), lossy: s.lossy });
    }
    return out;
  }

  private onBatch(batch: MutationBatch): void {
    this.store.prune();
    if (batch.rescan) { void this.scan([...this.roots].map((r) => (r.nodeType === 9 ? (r as Document).documentElement : r)), false); return; }
    const nodes = batch.nodes.filter((n) => !isInsideRejected(n.nodeType === 3 ? n.parentNode ?? n : n));
    void this.scan(nodes, false, batch.attributes);
  }

  private async scan(roots: Node[], initial: boolean, extraAttributes: Element[] = []): Promise<void> {
    const run = this.run;
    const doc = this.opts.win.document;
    if (!run || documentIsEditable(doc)) return;
    this.pending++;
    try {
      const blocks = new Set<BlockRoot>();
      const attributed: Element[] = [...extraAttributes];
      const queue = [...roots];
      while (queue.length) {
        const root = queue.shift()!;
        const res = walk(root, doc);
        for (const t of res.texts) blocks.add(blockOf(t));
        attributed.push(...res.attributed);
        for (const sr of res.shadowRoots) {
          if (this.knownShadowRoots.has(sr)) continue;
          this.knownShadowRoots.add(sr);
          this.roots.add(sr);
          this.batcher?.observe(sr);
          queue.push(sr);
        }
      }
      const gate = (t: string) => this.opts.isSuspect(t, this.evidence ?? undefined);
      const blockTexts = new Map<BlockRoot, string>();
      for (const b of blocks) blockTexts.set(b, textNodesOfBlock(b).map((n) => this.store.originalText(n)).join(''));
      const attrValues = (el: Element) => READABLE_ATTRIBUTES.map((a) => this.store.originalAttr(el, a)).filter((v): v is string => v !== null);
      // The gate sees a paragraph as one text: damage cut in two by markup may only show whole.
      const anySuspect = [...blockTexts.values()].some(gate) || attributed.some((el) => attrValues(el).some(gate));
      if (!anySuspect) return;

      const decoder = await (this.decoder ??= this.opts.loadDecoder());
      if (this.run !== run) return;
      // Page-level evidence (how much real punctuation, how many Founder-looking paragraphs) lets
      // each paragraph be judged like the whole page; later batches add to it.
      const fresh = decoder.collectEvidence(blockTexts.values());
      this.evidence = this.evidence ? mergeEvidence(this.evidence, fresh) : fresh;
      // Gate again with the evidence: on a Founder page, lines without a telltale character count too.
      const suspects = [...blocks].filter((b) => gate(blockTexts.get(b)!));
      const suspectAttrs = attributed.filter((el) => attrValues(el).some(gate));

      const visible = initial ? suspects.filter((b) => this.isVisible(b)) : suspects;
      const first = new Set(visible);
      const later = initial ? suspects.filter((b) => !first.has(b)) : [];
      const job = (b: BlockRoot) => () => { if (this.run === run) this.judgeBlock(b, decoder); };
      const attrJob = (el: Element) => () => { if (this.run === run) this.judgeAttributes(el, decoder); };
      this.slicer!.push([...visible.map(job), ...suspectAttrs.map(attrJob)], true);
      this.afterPass();
      this.slicer!.push(later.map(job));
      await this.slicer!.whenIdle();
      if (this.run === run) this.afterPass();
    } catch (err) {
      console.warn('[luanma] repair pass failed', err);
    } finally {
      this.pending--;
      if (this.pending === 0) this.settle();
    }
  }

  private judgeBlock(block: BlockRoot, decoder: Engine): void {
    const nodes = textNodesOfBlock(block).filter((n) => n.isConnected);
    const texts = nodes.map((n) => this.store.originalText(n));
    if (!this.opts.isSuspect(texts.join(''), this.evidence ?? undefined)) {
      for (const n of nodes) if (this.store.recordOf(n)) this.store.restoreText(n);
      return;
    }
    const steps = this.repairText(texts.join(''), decoder);
    const edits = mapStepsToNodes(texts, steps, this.nextGroup);
    this.nextGroup += steps.length;
    const edited = new Set<number>();
    for (const e of edits) {
      const node = nodes[e.index];
      edited.add(e.index);
      if (this.store.isPinned(node)) continue;
      const n = this.writes.get(node) ?? 0;
      if (n >= MAX_WRITES_PER_NODE) continue;
      if (node.data !== e.text) this.writes.set(node, n + 1);
      this.store.writeText(node, texts[e.index], e.text, e.spans);
    }
    nodes.forEach((node, i) => { if (!edited.has(i) && this.store.recordOf(node)) this.store.restoreText(node); });
  }

  private judgeAttributes(el: Element, decoder: Engine): void {
    for (const name of READABLE_ATTRIBUTES) {
      const original = this.store.originalAttr(el, name);
      if (original === null || !this.opts.isSuspect(original, this.evidence ?? undefined)) continue;
      const steps = this.repairText(original, decoder);
      const [edit] = mapStepsToNodes([original], steps, this.nextGroup);
      this.nextGroup += steps.length;
      this.store.writeAttr(el, name, original, edit?.text ?? original, edit?.spans ?? []);
    }
  }

  /** Repairs a paragraph; very long ones in chunks of whole lines, so one call stays short. */
  private repairText(text: string, decoder: Engine): Step[] {
    const evidence = this.evidence ?? undefined;
    if (text.length <= PAGE_CHUNK_CHARS) return decoder.repair(text, evidence).steps;
    const steps: Step[] = [];
    for (const chunk of repairChunks(decoder, text, { maxChars: PAGE_CHUNK_CHARS, evidence })) {
      for (const s of chunk.steps) steps.push(s);
    }
    return steps;
  }

  private isVisible(block: BlockRoot): boolean {
    const el = block.nodeType === 1 ? (block as Element) : block.nodeType === 11 ? (block as ShadowRoot).host : null;
    if (!el || el.closest('head')) return true;
    const r = el.getBoundingClientRect();
    const { innerHeight, innerWidth } = this.opts.win;
    return r.bottom >= 0 && r.right >= 0 && r.top <= innerHeight && r.left <= innerWidth;
  }

  private afterPass(): void {
    this.highlighter.setEnabled(this.highlight && this.running);
    this.opts.onUpdate?.(this.store.counts());
  }

  private settle(): void {
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const f of w) f();
  }
}
