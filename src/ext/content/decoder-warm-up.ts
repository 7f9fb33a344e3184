/**
 * The decoder's tables are unpacked on first use (codec indexes, the character model, the pair table), which
 * made the first repair on a page one task of ~50 ms. The decoder bundle unpacks them here instead, a few
 * tables per task, before it says it is ready (decoder-bundle.ts): each task stays short, and the first repair is as
 * fast as the rest. Imported only by the decoder bundle (entrypoints/decoder.ts), never by the first content script.
 */
import { CODEC_NAMES, decode, reEncode } from '../../core/codecs';
import { hanLog10P, isCommonHan, pairLog10P, singleWordLog10P } from '../../core/model';
import type { Engine } from '../../core/types';

const ZHONG = 0x4e2d;
const WEN = 0x6587;

/** One table each: the codec indexes both ways, then the model's tables, then one whole repair. */
function steps(engine: Engine): Array<() => void> {
  const out: Array<() => void> = [];
  for (const codec of CODEC_NAMES) {
    out.push(() => { reEncode(codec, '中文'); });
    out.push(() => { decode(codec, new Uint8Array([0xd6, 0xd0, 0x81, 0x40, 0xe4, 0xb8, 0xad])); });
  }
  out.push(() => { isCommonHan(ZHONG); });
  out.push(() => { hanLog10P(ZHONG); });
  out.push(() => { singleWordLog10P(ZHONG); });
  out.push(() => { pairLog10P(ZHONG, WEN); });
  out.push(() => { engine.repair('浣犲ソ锛屼笘鐣岋紒袁'); });
  return out;
}

/**
 * Steps run in one task until it has taken this long: most tables take a millisecond or two, so one step per task
 * spent more time between tasks than in them (17 tasks; nested timers wait at least 4 ms each in Chromium).
 */
export const WARM_UP_SLICE_MS = 8;

/**
 * The next task, without a timer's clamping: a message to ourselves (every context the bundle runs in has
 * MessageChannel; setTimeout is the fallback).
 */
function nextTask(fn: () => void): void {
  if (typeof MessageChannel !== 'function') { setTimeout(fn, 0); return; }
  const ch = new MessageChannel();
  ch.port1.onmessage = () => { ch.port1.close(); fn(); };
  ch.port2.postMessage(null);
}

/** Runs the warm-up a few steps per task; resolves when all have run (a failing step only costs its speed-up). */
export function warmUp(engine: Engine): Promise<void> {
  const queue = steps(engine);
  return new Promise((resolve) => {
    const next = () => {
      const start = performance.now();
      for (let step = queue.shift(); step; step = queue.shift()) {
        try { step(); } catch { /* the table is unpacked on first real use instead */ }
        if (performance.now() - start >= WARM_UP_SLICE_MS) { nextTask(next); return; }
      }
      resolve();
    };
    nextTask(next);
  });
}
