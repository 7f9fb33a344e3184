/**
 * Every rewrite is reversible: the page's own text is kept in WeakMaps keyed by the node (or the
 * element and attribute), so switching repair off restores it exactly and garbage-collected nodes
 * take their originals with them. A small iterable index lets `restoreAll` find what to restore;
 * it is pruned of detached nodes on every batch.
 */
import type { RepairKind } from '../core/types';
import type { RewrittenSpan } from './step-mapping';

export interface TextRecord {
  /** The page's text before we touched it. */
  original: string;
  /** What we wrote: a node whose value differs has been changed by the page since. */
  written: string;
  spans: RewrittenSpan[];
}

export interface AttrRecord { original: string; written: string; spans: RewrittenSpan[] }

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
}

export const emptyCounts = (): RepairCounts => ({ founder: 0, encoding: 0, lossy: 0, redecode: 0, chars: 0 });

export class RewriteStore {
  private readonly texts = new WeakMap<Text, TextRecord>();
  private readonly attrs = new WeakMap<Element, Map<string, AttrRecord>>();
  private readonly liveTexts = new Set<Text>();
  private readonly liveElements = new Set<Element>();
  /** Nodes where the user undid a repair: left alone until repair is switched off and on again. */
  private pinned = new WeakSet<Node>();

  /** The page's own text for `node`: ours is discarded if the page has written over it. */
  originalText(node: Text): string {
    const rec = this.texts.get(node);
    if (!rec) return node.data;
    if (node.data === rec.written) return rec.original;
    this.forget(node);
    return node.data;
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
    this.texts.set(node, { original, written: text, spans });
    this.liveTexts.add(node);
    if (node.data !== text) node.data = text;
  }

  originalAttr(el: Element, name: string): string | null {
    const value = el.getAttribute(name);
    const rec = this.attrs.get(el)?.get(name);
    if (!rec) return value;
    if (value === rec.written) return rec.original;
    this.attrs.get(el)?.delete(name);
    return value;
  }

  writeAttr(el: Element, name: string, original: string, text: string, spans: RewrittenSpan[]): void {
    let map = this.attrs.get(el);
    if (!map) { map = new Map(); this.attrs.set(el, map); }
    if (spans.length === 0) { map.delete(name); if (el.getAttribute(name) !== original) el.setAttribute(name, original); return; }
    map.set(name, { original, written: text, spans });
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
    for (const [node, rec] of [...this.entries()]) {
      if (!rec.spans.some((s) => s.group === group)) continue;
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
      rec.written = text;
      rec.spans = keep;
      node.data = text;
    }
  }

  /** Restores everything we rewrote, exactly, and forgets it. */
  restoreAll(): void {
    for (const node of this.liveTexts) this.restoreText(node);
    for (const el of this.liveElements) {
      const map = this.attrs.get(el);
      if (map) for (const [name, rec] of map) if (el.getAttribute(name) === rec.written) el.setAttribute(name, rec.original);
      this.attrs.delete(el);
    }
    this.liveTexts.clear();
    this.liveElements.clear();
    this.pinned = new WeakSet();
  }

  /** Drops detached nodes from the iterable index so removed subtrees can be collected. */
  prune(): void {
    for (const node of this.liveTexts) if (!node.isConnected) { this.liveTexts.delete(node); }
    for (const el of this.liveElements) if (!el.isConnected) { this.liveElements.delete(el); }
  }

  /** Live rewritten text nodes with their spans (for highlights and hit-testing). */
  *entries(): Iterable<[Text, TextRecord]> {
    for (const node of this.liveTexts) {
      const rec = this.recordOf(node);
      if (rec && node.isConnected) yield [node, rec];
    }
  }

  counts(): RepairCounts {
    const c = emptyCounts();
    // Groups are unique per step across the frame: a step split over several nodes counts once.
    const groups = new Set<number>();
    const add = (spans: RewrittenSpan[]) => {
      for (const s of spans) {
        if (!s.lossy) c.chars += s.original.length;
        if (groups.has(s.group)) continue;
        groups.add(s.group);
        c[s.kind as RepairKind] += 1;
      }
    };
    for (const [, rec] of this.entries()) add(rec.spans);
    for (const el of this.liveElements) {
      if (!el.isConnected) continue;
      for (const [name, rec] of this.attrs.get(el) ?? []) if (el.getAttribute(name) === rec.written) add(rec.spans);
    }
    return c;
  }

  private forget(node: Text): void {
    this.texts.delete(node);
    this.liveTexts.delete(node);
  }
}
