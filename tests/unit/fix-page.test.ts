// @vitest-environment happy-dom
/**
 * The paste-and-fix page's wiring, with the real engine run in-process instead of a worker: paste → repaired
 * output with marked steps → reject one → copy; hints re-run; a binary file leaves the input alone; a large
 * text is held outside the input box; the output view renders blocks, not the whole text.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectEvidence, repair } from '../../src/core';
import { repairChunks } from '../../src/core/document/repair-chunks';
import { decodeTextFile } from '../../src/core/text-file';
import { LARGE_INPUT_CHARS, mountFixPage } from '../../src/fix/fix-page';
import type { RepairClient } from '../../src/fix/repair-client';

// Without its stylesheet, icon and script tags: happy-dom would try to fetch them.
const HTML = readFileSync('entrypoints/fix/index.html', 'utf8').replace(/<link[^>]*>|<script[^>]*><\/script>/g, '');
const SEED = readFileSync('tests/fixtures/seed-founder.txt', 'utf8');
const EXPECTED = readFileSync('tests/fixtures/seed-founder.expected.txt', 'utf8');

const inProcess: RepairClient = {
  async run(text, hints, cb, maxChars) {
    for (const c of repairChunks({ repair, collectEvidence }, text, { hints, maxChars: maxChars ?? 1000 })) cb.onProgress(c.index + 1, c.total, c.steps);
    return { flagged: false, ms: 1, ran: 'worker' };
  },
  dispose() {},
};

let page: { dispose(): void };
const $ = <T extends HTMLElement>(sel: string) => document.querySelector(sel) as T;
const state = () => document.body.dataset.state;
const until = async (cond: () => boolean) => { for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10)); expect(cond()).toBe(true); };
/** What the page handed to the clipboard: happy-dom's clipboard, replaced by a recorder for each test. */
let lastCopied = '';
const lastCopy = () => lastCopied;
async function copy(): Promise<string> {
  const n = Number(document.body.dataset.copies ?? 0);
  $('#copy').click();
  await until(() => Number(document.body.dataset.copies ?? 0) > n);
  return lastCopy();
}
async function pasteText(text: string): Promise<void> {
  const input = $<HTMLTextAreaElement>('#input');
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste', bubbles: true }));
  await until(() => state() === 'done');
}
async function load(bytes: Uint8Array, name: string): Promise<void> {
  const fileInput = $<HTMLInputElement>('#file-input');
  Object.defineProperty(fileInput, 'files', { configurable: true, value: [new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'text/plain' })] });
  fileInput.dispatchEvent(new Event('change'));
}

beforeEach(() => {
  document.documentElement.innerHTML = HTML.replace(/^<!doctype html>\s*<html[^>]*>/i, '').replace(/<\/html>\s*$/, '');
  lastCopied = '';
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => { lastCopied = text; } } });
  page = mountFixPage(document, { t: (key, subs) => [key, ...(subs ?? [])].join('|'), client: inProcess, maxChars: 1000, decodeFile: async (b) => decodeTextFile(b) });
});
afterEach(() => page.dispose());

describe('fix page', () => {
  it('repairs pasted text, marks each repair, and copies the result; the input keeps what was pasted', async () => {
    expect(state()).toBe('idle');
    await pasteText(SEED);
    const marks = document.querySelectorAll<HTMLButtonElement>('#output button.step');
    expect(marks.length).toBeGreaterThan(10);
    expect(marks[0].getAttribute('aria-pressed')).toBe('true');
    expect(marks[0].title).toContain('fix_stepTitle|');
    expect(await copy()).toBe(EXPECTED);
    expect($<HTMLTextAreaElement>('#input').value).toBe(SEED);
  });

  it('a rejected repair keeps its original; accept all brings it back', async () => {
    await pasteText(SEED);
    const first = $<HTMLButtonElement>('#output button[data-step="0"]');
    const [start, end] = [Number(first.dataset.start), Number(first.dataset.end)];
    const replacement = first.textContent!;
    first.click();
    expect(first.getAttribute('aria-pressed')).toBe('false');
    expect(first.textContent).toBe(SEED.slice(start, end));
    expect(await copy()).toBe(EXPECTED.slice(0, start) + SEED.slice(start, end) + EXPECTED.slice(start + replacement.length));
    $('#reject-all').click();
    expect(await copy()).toBe(SEED);
    $('#accept-all').click();
    expect(await copy()).toBe(EXPECTED);
  });

  it('the Founder-off hint re-runs the repair', async () => {
    await pasteText(SEED);
    const off = $<HTMLInputElement>('input[name="hint"][value="founder-off"]');
    off.checked = true;
    off.dispatchEvent(new Event('change'));
    await until(() => state() === 'done' && document.querySelectorAll('#output button.step').length === 0);
    expect(await copy()).toBe(SEED);
  });

  it('a GBK file is decoded and repaired; a binary or empty file leaves the input as it was', async () => {
    await load(new Uint8Array(iconv.encode(SEED, 'gbk')), 'seed.txt');
    await until(() => state() === 'done' && $<HTMLTextAreaElement>('#input').value === SEED);
    expect(document.body.dataset.encoding).toBe('gb18030');
    expect(await copy()).toBe(EXPECTED);
    await load(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), 'x.png');
    await until(() => document.body.dataset.fileError === 'binary');
    expect($('#file-status').textContent).toBe('fix_fileBinary|x.png');
    await load(new Uint8Array(), 'empty.txt');
    await until(() => document.body.dataset.fileError === 'empty');
    expect($<HTMLTextAreaElement>('#input').value).toBe(SEED);
  });

  it('a large text is held outside the input box, repaired whole, and rendered in blocks', async () => {
    let big = '';
    while (big.length <= LARGE_INPUT_CHARS) big += `${SEED}\n`;
    await load(new TextEncoder().encode(big), 'big.txt');
    await until(() => state() === 'done' && document.body.dataset.large === 'true');
    const input = $<HTMLTextAreaElement>('#input');
    expect(input.readOnly).toBe(true);
    expect(input.value.length).toBeLessThan(big.length);
    expect(document.querySelectorAll('#output .block').length).toBeLessThan(20);
    const copied = await copy();
    expect(copied.length).toBeGreaterThan(LARGE_INPUT_CHARS);
    expect(copied.startsWith(EXPECTED)).toBe(true);
    $('#clear-input').click();
    await until(() => state() === 'idle');
    expect(input.readOnly).toBe(false);
  });
});
