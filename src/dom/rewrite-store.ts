/**
 * Every rewrite is reversible: the page's own text is kept in WeakMaps keyed by the node (or the
 * element and attribute), so switching repair off restores it exactly and garbage-collected nodes
 * take their originals with them. An iterable index lets `restoreAll` find what to restore. Nodes the
 * page takes out of the document stop counting, but stay restorable: a page may put them back (a list
 * re-sorted, a paragraph moved), and switching off must still give back its text. They are held only
 * weakly, so a node the page drops for good is collected with its original.
 *
 * Counts are kept as a running tally, updated on every write and every forgotten record, so reading them
 * after each pass costs nothing on a page with 130,000 repaired paragraphs.
 */
import type { RepairKind } from '../core/types';
import type { RewrittenSpan } from './step-mapping';

export interface TextRecord {
  /** The page's text before we touched it. */
  original: string;
  /** What we wrote: a node whose value differs has been changed by the page since. */
  written: string;
  spans: RewrittenSpan[];
  /** False while the node is out of the document: its spans are not in the counts. */
  counted?: boolean;
}

export interface AttrRecord { original: string; written: string; spans: RewrittenSpan[]; counted?: boolean }

/** Per-frame counts derived from what is currently rewritten or flagged. */
export interface RepairCounts {
  founder: number;
  encoding: number;
  /** Lossy spans found and left as they are. */
  lossy: number;
  /** Pieces of text re-decoded from the page's own bytes (a mislabelled page: src/dom/redecode). */
  redecode: number;
  /** Characters of the page's text that were replaced. */
  chars: number;
  /** Characters of suspect text left unrepaired because the frame's decoder budget ran out (a note in the popup). */
  skipped: number;
}

export const COUNT_KEYS = ['founder', 'encoding', 'lossy', 'redecode', 'chars', 'skipped'] as const satisfies ReadonlyArray<keyof RepairCounts>;

export const emptyCounts = (): RepairCounts => ({ founder: 0, encoding: 0, lossy: 0, redecode: 0, chars: 0, skipped: 0 });

/** Told about every text record written or dropped (the highlighter follows it). */
export interface StoreListener {
  written(node: Text, rec: TextRecord): void;
  forgotten(node: Text): void;
  cleared(): void;
}

/** Running counts: a step split over several nodes (one group) counts once, its characters per piece. */
class Tally {
  private readonly groups = new Map<number, { kind: RepairKind; refs: number }>();
  readonly counts = emptyCounts();

  add(spans: readonly RewrittenSpan[]): void {
    for (const s of spans) {
      if (!s.lossy) this.counts.chars += s.original.length;
      if (s.solo) { this.counts[s.kind] += 1; continue; }
      const g = this.groups.get(s.group);
      if (g) { g.refs++; continue; }
      this.groups.set(s.group, { kind: s.kind, refs: 1 });
      this.counts[s.kind] += 1;
    }
  }

  remove(spans: readonly RewrittenSpan[]): void {
    for (const s of spans) {
      if (!s.lossy) this.counts.chars -= s.original.length;
      if (s.solo) { this.counts[s.kind] -= 1; continue; }
      const g = this.groups.get(s.group);
      if (!g) continue;
      if (--g.refs === 0) { this.groups.delete(s.group); this.counts[g.kind] -= 1; }
    }
  }

  reset(): void {
    this.groups.clear();
    for (const k of COUNT_KEYS) this.counts[k] = 0;
  }
}

export class RewriteStore {
  private readonly texts = new WeakMap<Text, TextRecord>();
  private readonly attrs = new WeakMap<Element, Map<string, AttrRecord>>();
  private readonly liveTexts = new Set<Text>();
  private readonly liveElements = new Set<Element>();
  /** Rewritten nodes and elements the page took out of the document (held weakly: see the file comment). */
  private readonly detachedTexts = new Set<WeakRef<Text>>();
  private readonly detachedElements = new Set<WeakRef<Element>>();
  /** Nodes where the user undid a repair: left alone until repair is switched off and on again. */
  private pinned = new WeakSet<Node>();
  private readonly tally = new Tally();
  listener?: StoreListener;

  /** The page's own text for `node`: ours is discarded if the page has written over it. */
  originalText(node: Text): string {
    const rec = this.texts.get(node);
    if (!rec) return node.data;
    const data = node.data;
    if (data === rec.written) return rec.original;
    this.forget(node);
    return data;
  }

  /** True when the node's current value is the one we wrote (a mutation record about it is our own). */
  isOwnText(node: Text): boolean {
    const rec = this.texts.get(node);
    return rec !== undefined && rec.written === node.data;
  }

  isOwnAttr(el: Element, name: string): boolean {
    const rec = this.attrs.get(el)?.get(name);
    return rec !== undefined && rec.written === el.getAttribute(name);
  }

  isPinned(node: Node): boolean { return this.pinned.has(node); }

  recordOf(node: Text): TextRecord | undefined {
    const rec = this.texts.get(node);
    return rec && rec.written === node.data ? rec : undefined;
  }

  /** Writes `text` into `node` (only if it differs) and remembers the page's original. */
  writeText(node: Text, original: string, text: string, spans: RewrittenSpan[]): void {
    if (spans.length === 0) { this.restoreText(node); return; }
    const old = this.texts.get(node);
    if (old && old.counted !== false) this.tally.remove(old.spans);
    const rec: TextRecord = { original, written: text, spans };
    this.texts.set(node, rec);
    this.liveTexts.add(node);
    this.tally.add(spans);
    if (node.data !== text) node.data = text;
    this.listener?.written(node, rec);
  }

  originalAttr(el: Element, name: string): string | null {
    const value = el.getAttribute(name);
    const map = this.attrs.get(el);
    const rec = map?.get(name);
    if (!rec) return value;
    if (value === rec.written) return rec.original;
    if (rec.counted !== false) this.tally.remove(rec.spans);
    map!.delete(name);
    return value;
  }

  writeAttr(el: Element, name: string, original: string, text: string, spans: RewrittenSpan[]): void {
    let map = this.attrs.get(el);
    if (!map) { map = new Map(); this.attrs.set(el, map); }
    const old = map.get(name);
    if (old && old.counted !== false) this.tally.remove(old.spans);
    if (spans.length === 0) { map.delete(name); if (el.getAttribute(name) !== original) el.setAttribute(name, original); return; }
    map.set(name, { original, written: text, spans });
    this.tally.add(spans);
    this.liveElements.add(el);
    if (el.getAttribute(name) !== text) el.setAttribute(name, text);
  }

  /** Puts one node back as the page wrote it. */
  restoreText(node: Text): void {
    const rec = this.texts.get(node);
    if (rec && node.data === rec.written) node.data = rec.original;
    this.forget(node);
  }

  /**
   * Undoes one repair everywhere it was written (a step can span several nodes of a paragraph) and
   * keeps those nodes from being repaired again until repair is switched off and on.
   */
  undoGroup(group: number): void {
    const touched: Array<[Text, TextRecord]> = [];
    for (const entry of this.entries()) if (entry[1].spans.some((s) => s.group === group)) touched.push(entry);
    for (const [node, rec] of touched) {
      const data = node.data;
      let text = '';
      let at = 0;
      const keep: RewrittenSpan[] = [];
      for (const s of [...rec.spans].sort((a, b) => a.start - b.start)) {
        text += data.slice(at, s.start);
        if (s.group === group) text += s.original;
        else {
          const start = text.length;
          text += data.slice(s.start, s.end);
          keep.push({ ...s, start, end: text.length });
        }
        at = s.end;
      }
      text += data.slice(at);
      this.pinned.add(node);
      if (rec.counted !== false) this.tally.remove(rec.spans);
      this.tally.add(keep);
      rec.counted = true;
      rec.written = text;
      rec.spans = keep;
      node.data = text;
      this.listener?.written(node, rec);
    }
  }

  /** Restores everything we rewrote, exactly, and forgets it. */
  restoreAll(): void {
    const texts: Text[] = [...this.liveTexts];
    for (const ref of this.detachedTexts) { const node = ref.deref(); if (node) texts.push(node); }
    for (const node of texts) {
      const rec = this.texts.get(node);
      if (rec && node.data === rec.written) node.data = rec.original;
      this.texts.delete(node);
    }
    const elements: Element[] = [...this.liveElements];
    for (const ref of this.detachedElements) { const el = ref.deref(); if (el) elements.push(el); }
    for (const el of elements) {
      const map = this.attrs.get(el);
      if (map) for (const [name, rec] of map) if (el.getAttribute(name) === rec.written) el.setAttribute(name, rec.original);
      this.attrs.delete(el);
    }
    this.liveTexts.clear();
    this.liveElements.clear();
    this.detachedTexts.clear();
    this.detachedElements.clear();
    this.pinned = new WeakSet();
    this.tally.reset();
    this.listener?.cleared();
  }

  /**
   * Nodes the page took out of the document stop counting and lose their highlights, and are held weakly
   * from then on (still restorable if the page puts them back; collected if it does not).
   */
  prune(): void {
    for (const node of this.liveTexts) {
      if (node.isConnected) continue;
      const rec = this.texts.get(node);
      if (rec && rec.counted !== false) { this.tally.remove(rec.spans); rec.counted = false; }
      this.liveTexts.delete(node);
      this.detachedTexts.add(new WeakRef(node));
      this.listener?.forgotten(node);
    }
    for (const el of this.liveElements) {
      if (el.isConnected) continue;
      for (const rec of this.attrs.get(el)?.values() ?? []) if (rec.counted !== false) { this.tally.remove(rec.spans); rec.counted = false; }
      this.liveElements.delete(el);
      this.detachedElements.add(new WeakRef(el));
    }
    for (const ref of this.detachedTexts) if (!ref.deref()) this.detachedTexts.delete(ref);
    for (const ref of this.detachedElements) if (!ref.deref()) this.detachedElements.delete(ref);
  }

  /** Live rewritten text nodes with their spans (for highlights and hit-testing). */
  *entries(): Iterable<[Text, TextRecord]> {
    for (const node of this.liveTexts) {
      const rec = this.recordOf(node);
      if (rec && node.isConnected) yield [node, rec];
    }
  }

  /** How many text nodes hold a rewrite now. */
  get size(): number { return this.liveTexts.size; }

  /** The frame's counts (a copy), from the running tally. */
  counts(): RepairCounts {
    return { ...this.tally.counts };
  }

  private forget(node: Text): void {
    const rec = this.texts.get(node);
    if (rec && rec.counted !== false) this.tally.remove(rec.spans);
    this.texts.delete(node);
    if (this.liveTexts.delete(node)) this.listener?.forgotten(node);
  }
}
