import { describe, expect, it } from 'vitest';
import { LoopGuard, PAGE_HOSTILE_HOLDS, REACTION_MS, REACTIONS_TO_HOLD } from '../../src/dom/loop-guard';

function guard() {
  let now = 1000;
  const g = new LoopGuard(() => now);
  return { g, tick: (ms: number) => { now += ms; return now; }, now: () => now };
}

describe('LoopGuard', () => {
  it('holds a text that comes back in the paragraph it was written to, quickly, again and again', () => {
    const { g, tick } = guard();
    const p = {};
    g.wrote('乱码', p);
    for (let i = 1; i < REACTIONS_TO_HOLD; i++) {
      expect(g.allow('乱码', tick(5), p)).toBe(true);
      g.wrote('乱码', p);
    }
    expect(g.allow('乱码', tick(5), p)).toBe(false);
    expect(g.isHeld('乱码')).toBe(true);
    // Held: no work, also for a scan.
    expect(g.allow('乱码', undefined, p)).toBe(false);
  });

  it('does not count a text that comes back elsewhere (a storm, a re-render) or late', () => {
    const { g, tick } = guard();
    const p = {};
    for (let i = 0; i < 20; i++) {
      g.wrote('乱码', p);
      expect(g.allow('乱码', tick(5), {})).toBe(true); // another paragraph
      g.wrote('乱码', p);
      expect(g.allow('乱码', tick(REACTION_MS + 50), p)).toBe(true); // the same paragraph, on the page's own clock
    }
    expect(g.isHeld('乱码')).toBe(false);
  });

  it('releases a held text when it reappears after the hold without our provoking it', () => {
    const { g, tick, now } = guard();
    const p = {};
    g.wrote('乱码', p);
    for (let i = 1; i < REACTIONS_TO_HOLD; i++) { g.allow('乱码', tick(5), p); g.wrote('乱码', p); }
    const revert = tick(5);
    expect(g.allow('乱码', revert, p)).toBe(false);
    // Another record of the same revert, collected before the hold began: still held.
    expect(g.allow('乱码', revert, p)).toBe(false);
    expect(g.allow('乱码', undefined, p)).toBe(false);
    // The page shows the text again later while we wrote nothing: it renders on its own.
    expect(g.allow('乱码', now() + 1000, p)).toBe(true);
    expect(g.isHeld('乱码')).toBe(false);
  });

  it('a page fighting over many texts holds each new one at its first quick revert, and slows batches', () => {
    const { g, tick } = guard();
    for (let t = 0; t < PAGE_HOSTILE_HOLDS; t++) {
      const p = {};
      g.wrote(`t${t}`, p);
      for (let i = 0; i < REACTIONS_TO_HOLD; i++) { g.allow(`t${t}`, tick(5), p); g.wrote(`t${t}`, p); }
    }
    expect(g.pageHostile).toBe(true);
    expect(g.batchDelayFactor()).toBeGreaterThan(1);
    const q = {};
    g.wrote('new', q);
    expect(g.allow('new', tick(5), q)).toBe(false);
    tick(20_000);
    expect(g.batchDelayFactor()).toBe(1);
  });
});
