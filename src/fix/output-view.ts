/**
 * The output view: the repaired text with every repair marked, rendered only where it is on screen.
 *
 * The input is cut into blocks of whole lines (line-blocks.ts). The scroll box holds a top spacer, the blocks
 * near the viewport, and a bottom spacer; a block's height is guessed from its size until it has been
 * rendered once, then measured. A 5 MB text thus keeps a few dozen elements in the page, not millions.
 *
 * Each repair is a toggle button showing its replacement (accepted) or its original (rejected), with the
 * original, kind, confidence and codecs in its title and accessible name. Flag-only lossy steps are marks.
 */
import type { Step } from '../core/types';
import { blockPieces, planBlocks, type LineBlock } from './line-blocks';

export interface ViewModel {
  input: string;
  steps: readonly Step[];
  rejected: ReadonlySet<number>;
}

export interface ViewStrings {
  kind(kind: Step['kind']): string;
  /** Title and accessible name of a step, given whether it is accepted. */
  describe(step: Step, accepted: boolean): string;
}

export interface OutputView {
  show(model: ViewModel): void;
  /** Re-renders one step after it was accepted or rejected. */
  refreshStep(index: number): void;
  /** Blocks currently in the DOM (tests, diagnostics). */
  renderedBlocks(): number;
  dispose(): void;
}

/** Blocks kept rendered beyond each edge of the viewport, so a small scroll shows no blank. */
const OVERSCAN_PX = 600;

export function createOutputView(doc: Document, scroller: HTMLElement, strings: ViewStrings, onToggle: (index: number) => void): OutputView {
  const win = doc.defaultView!;
  const top = doc.createElement('div');
  const bottom = doc.createElement('div');
  top.className = bottom.className = 'spacer';
  top.setAttribute('aria-hidden', 'true');
  bottom.setAttribute('aria-hidden', 'true');
  scroller.replaceChildren(top, bottom);

  let model: ViewModel = { input: '', steps: [], rejected: new Set() };
  let blocks: LineBlock[] = [];
  let heights: number[] = [];
  let measured: boolean[] = [];
  const rendered = new Map<number, HTMLElement>();
  let frame = 0;

  const metrics = () => {
    const style = win.getComputedStyle(scroller);
    const fontPx = parseFloat(style.fontSize) || 16;
    const linePx = parseFloat(style.lineHeight) || fontPx * 1.7;
    // Han characters are about 1em wide; Latin text is narrower, so this over-guesses lines a little.
    const perRow = Math.max(8, Math.floor((scroller.clientWidth || 600) / fontPx));
    return { linePx, perRow };
  };

  const guess = (b: LineBlock, m: { linePx: number; perRow: number }) => {
    const chars = b.end - b.start;
    return Math.max(1, b.lines + Math.floor(Math.max(0, chars - b.lines * m.perRow * 0.5) / m.perRow)) * m.linePx;
  };

  const stepEl = (k: number): HTMLElement => {
    const s = model.steps[k];
    if (s.replacement === s.original) {
      const mark = doc.createElement('mark');
      mark.className = `step kind-${s.kind}`;
      mark.dataset.step = String(k);
      mark.textContent = s.original;
      mark.title = strings.describe(s, true);
      return mark;
    }
    const btn = doc.createElement('button');
    btn.type = 'button';
    btn.dataset.step = String(k);
    btn.dataset.start = String(s.start);
    btn.dataset.end = String(s.end);
    paintStep(btn, k);
    return btn;
  };

  const paintStep = (el: HTMLElement, k: number) => {
    const s = model.steps[k];
    const accepted = !model.rejected.has(k);
    el.className = `step kind-${s.kind}${accepted ? '' : ' rejected'}`;
    el.textContent = accepted ? s.replacement : s.original;
    el.setAttribute('aria-pressed', String(accepted));
    el.title = strings.describe(s, accepted);
    el.setAttribute('aria-label', el.title);
  };

  const renderBlock = (i: number): HTMLElement => {
    const el = doc.createElement('div');
    el.className = 'block';
    el.dataset.block = String(i);
    for (const piece of blockPieces(model.input, model.steps, blocks[i])) {
      el.append('text' in piece ? doc.createTextNode(piece.text) : stepEl(piece.step));
    }
    return el;
  };

  const sum = (from: number, to: number) => { let h = 0; for (let i = from; i < to; i++) h += heights[i]; return h; };

  const update = () => {
    frame = 0;
    if (blocks.length === 0) return;
    const viewTop = scroller.scrollTop - OVERSCAN_PX;
    const viewBottom = scroller.scrollTop + scroller.clientHeight + OVERSCAN_PX;
    let first = 0;
    let y = 0;
    while (first < blocks.length - 1 && y + heights[first] < viewTop) y += heights[first++];
    let last = first;
    let yEnd = y + heights[first];
    while (last < blocks.length - 1 && yEnd < viewBottom) yEnd += heights[++last];

    for (const [i, el] of rendered) if (i < first || i > last) { el.remove(); rendered.delete(i); }
    let before: Element = bottom;
    for (let i = last; i >= first; i--) {
      let el = rendered.get(i);
      if (!el) { el = renderBlock(i); rendered.set(i, el); }
      if (el.nextElementSibling !== before) scroller.insertBefore(el, before);
      before = el;
    }
    top.style.height = `${y}px`;
    bottom.style.height = `${sum(last + 1, blocks.length)}px`;

    // Measure what was rendered; when blocks above the viewport change height, keep the text in place.
    let shiftAbove = 0;
    let changed = false;
    for (let i = first; i <= last; i++) {
      const h = rendered.get(i)!.offsetHeight;
      if (h > 0 && (!measured[i] || h !== heights[i])) {
        if (y + sum(first, i) + heights[i] <= scroller.scrollTop) shiftAbove += h - heights[i];
        heights[i] = h;
        measured[i] = true;
        changed = true;
      }
    }
    if (changed) {
      bottom.style.height = `${sum(last + 1, blocks.length)}px`;
      if (shiftAbove) scroller.scrollTop += shiftAbove;
      schedule(); // the measured sizes may bring more blocks into view
    }
  };

  const schedule = () => { if (!frame) frame = win.requestAnimationFrame(update); };
  const onClick = (e: Event) => {
    const btn = (e.target as Element | null)?.closest?.('button[data-step]');
    if (btn && scroller.contains(btn)) onToggle(Number((btn as HTMLElement).dataset.step));
  };
  scroller.addEventListener('scroll', schedule, { passive: true });
  scroller.addEventListener('click', onClick);
  const resize = new win.ResizeObserver(() => { measured = measured.map(() => false); schedule(); });
  resize.observe(scroller);

  return {
    show(next) {
      model = next;
      for (const el of rendered.values()) el.remove();
      rendered.clear();
      blocks = planBlocks(model.input, model.steps);
      const m = metrics();
      heights = blocks.map((b) => guess(b, m));
      measured = blocks.map(() => false);
      scroller.scrollTop = 0;
      if (frame) { win.cancelAnimationFrame(frame); frame = 0; }
      update();
    },
    refreshStep(k) {
      const el = scroller.querySelector<HTMLElement>(`button[data-step="${k}"]`);
      if (el) paintStep(el, k);
    },
    renderedBlocks: () => rendered.size,
    dispose() {
      if (frame) win.cancelAnimationFrame(frame);
      resize.disconnect();
      scroller.removeEventListener('scroll', schedule);
      scroller.removeEventListener('click', onClick);
    },
  };
}
