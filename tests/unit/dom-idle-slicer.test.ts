import { describe, expect, it } from 'vitest';
import { IdleSlicer, type SlicerWindow } from '../../src/dom/idle-slicer';
import { PostingSlicer } from '../../src/dom/posting-slicer';

/** A window whose idle callbacks run only when the test says so (a page Chromium grants no idle period). */
function fakeWindow(withChannel: boolean) {
  const idle: Array<() => void> = [];
  const win: SlicerWindow = {
    requestIdleCallback: (cb) => { idle.push(() => cb({ timeRemaining: () => 10, didTimeout: false })); return idle.length; },
    setTimeout: (cb) => { setTimeout(cb, 0); return 0; },
    performance: { now: () => performance.now() },
    MessageChannel: withChannel ? MessageChannel : undefined,
  };
  const runIdle = () => { for (let f = idle.shift(); f; f = idle.shift()) f(); };
  return { win, runIdle, idleRequests: () => idle.length };
}

const settle = () => new Promise((r) => setTimeout(r, 20));
/** Fails fast instead of hanging when a slice never comes. */
const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no slice within ${ms} ms`)), ms))]);

describe('PostingSlicer (the page repairer\'s)', () => {
  it('resumes urgent work in a posted task without waiting for an idle period; background work waits for one', async () => {
    const { win, runIdle } = fakeWindow(true);
    const ctl = new AbortController();
    const slicer = new PostingSlicer(win, ctl.signal);
    const order: string[] = [];
    void slicer.next('background').then(() => order.push('background'));
    void slicer.next('urgent').then(() => order.push('urgent'));
    await settle();
    expect(order).toEqual(['urgent']);
    runIdle();
    await settle();
    expect(order).toEqual(['urgent', 'background']);
    ctl.abort();
  });

  it('keeps going in posted tasks while urgent work keeps asking, and never runs background work in them', async () => {
    const { win, idleRequests } = fakeWindow(true);
    const ctl = new AbortController();
    const slicer = new PostingSlicer(win, ctl.signal);
    let background = false;
    void slicer.next('background').then(() => { background = true; });
    for (let i = 0; i < 5; i++) await within(1000, slicer.next('urgent'));
    await settle();
    expect(background).toBe(false);
    expect(idleRequests()).toBe(1);
    ctl.abort();
  });

});

/** Resolves an urgent wait only once the idle callbacks run. */
async function expectIdleOnly(slicer: IdleSlicer, runIdle: () => void): Promise<void> {
  let urgent = false;
  void slicer.next('urgent').then(() => { urgent = true; });
  await settle();
  expect(urgent).toBe(false);
  runIdle();
  await settle();
  expect(urgent).toBe(true);
}

describe('idle callbacks only', () => {
  it('PostingSlicer where there is no MessageChannel', async () => {
    const { win, runIdle } = fakeWindow(false);
    const ctl = new AbortController();
    await expectIdleOnly(new PostingSlicer(win, ctl.signal), runIdle);
    ctl.abort();
  });

  it('IdleSlicer (the first script\'s scan), even with a MessageChannel', async () => {
    const { win, runIdle } = fakeWindow(true);
    const ctl = new AbortController();
    await expectIdleOnly(new IdleSlicer(win, ctl.signal), runIdle);
    ctl.abort();
  });
});
