/**
 * The page benchmark's pages (scripts/bench-page.ts), generated from the repo's own text, no copyrighted text:
 * clean sentences from tests/cases/negative-fp-sample.json (public-domain poems and MIT/CC-licensed prose, see
 * tests/README.md) and the seed article (tests/fixtures/seed-founder*.txt), damaged with the e2e pages' codecs
 * (tests/e2e/damage.ts). Every page carries a small script of its own that the benchmark reads: when the page's
 * damaged paragraphs read right (first viewport, all), and the bare TreeWalker pass the clean figures compare with.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSuspect } from '../../src/core/gate';
import { utf8AsGbk } from '../../tests/e2e/damage';
import { loadDevset } from './devset';
import { repoRoot as rootOf } from './repo-root';

const repoRoot = rootOf(import.meta.url);

export interface BenchPage {
  /** File name under the served directory. */
  file: string;
  body: string | Buffer;
  /** For a text/plain page: the text it must read once repaired (checked by an init script). */
  plainExpected?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The page's own probe, the same in both profiles. `__bareWalk` is the figure's baseline: one SHOW_TEXT TreeWalker
 * pass reading every text node's data, named so the trace shows it. Damaged paragraphs carry `data-i`, the index of
 * their expected text in `__expected`; a MutationObserver records when the ones in the first viewport, and all,
 * read right.
 */
const PROBE = `<script>
window.luanmaBareWalk = function luanmaBareWalk() {
  var w = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT), n = 0, c = 0;
  for (var t = w.nextNode(); t; t = w.nextNode()) { n++; c += t.data.length; }
  window.__bareWalkResult = [n, c];
};
(function () {
  var probe = window.__probe = { dcl: -1, firstViewport: -1, all: -1, viewportCount: 0, count: 0 };
  function check() {
    var ex = window.__expected;
    if (!ex) return true;
    var right = 0, vRight = 0, ps = document.querySelectorAll('[data-i]');
    for (var i = 0; i < ps.length; i++) {
      var ok = ps[i].textContent === ex[+ps[i].getAttribute('data-i')];
      if (ok) { right++; if (ps[i].__inView) vRight++; }
    }
    var now = performance.now();
    if (probe.firstViewport < 0 && vRight === probe.viewportCount) probe.firstViewport = now;
    if (probe.all < 0 && right === ps.length) { probe.all = now; return true; }
    return false;
  }
  document.addEventListener('DOMContentLoaded', function () {
    probe.dcl = performance.now();
    performance.mark('luanma-bench-dcl');
    var ps = document.querySelectorAll('[data-i]');
    probe.count = ps.length;
    for (var i = 0; i < ps.length; i++) {
      var r = ps[i].getBoundingClientRect();
      if (r.top < innerHeight && r.bottom > 0) { ps[i].__inView = true; probe.viewportCount++; }
    }
    if (check()) return;
    var pending = false;
    var mo = new MutationObserver(function () {
      if (pending) return;
      pending = true;
      setTimeout(function () { pending = false; if (check()) mo.disconnect(); }, 0);
    });
    mo.observe(document.documentElement, { subtree: true, characterData: true, childList: true });
  });
})();
</script>`;

function html(title: string, body: string, expected: string[] = [], extraScript = ''): string {
  return `<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>${esc(title)}</title>\n${PROBE}\n</head>\n<body>\n${body}\n`
    + `<script>window.__expected = ${JSON.stringify(expected)};${extraScript}</script>\n</body>\n</html>\n`;
}

/**
 * Clean modern Chinese sentences, each one the gate clears: the dev set's clean simplified and traditional
 * cases, the seed article, and the modern prose of the clean-text sample (its classical poems are left out: nearly
 * every line of them has a rare character, which no news or forum page does).
 */
function cleanSentences(): string[] {
  const sample = (JSON.parse(readFileSync(join(repoRoot, 'tests/cases/negative-fp-sample.json'), 'utf8')) as Array<{ expected: string; note: string }>)
    .filter((c) => !c.note.startsWith('chinese-poetry') && !/-ja@|textlint|kuroshiro/.test(c.note)).map((c) => c.expected);
  const dev = loadDevset().filter((c) => c.kind === 'clean_simplified' || c.kind === 'clean_traditional').map((c) => c.input);
  const article = readFileSync(join(repoRoot, 'tests/fixtures/seed-founder.expected.txt'), 'utf8').replace(/\s+/g, '');
  return [...new Set([article, ...dev, ...sample].join('\n').split(/(?<=[。！？\n])/).map((s) => s.trim()))]
    .filter((s) => s.length >= 12 && s.length <= 80 && /[\u4e00-\u9fff]/.test(s) && !/[\u0000-\u001f]/.test(s) && !isSuspect(s));
}

/** Bytes of UTF-8 a string takes. */
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * A clean Chinese page of about `targetBytes` of text, paragraphs of three sentences with inline links and
 * emphasis (about ten text nodes each: 26,000–34,000 text nodes a megabyte), none flagged by the gate. `tells`
 * adds a few paragraphs whose 遥远/袁 sit beside real ，。 (no reason to load the decoder).
 */
export function cleanPage(targetBytes: number, tells = false): BenchPage {
  const s = cleanSentences();
  const paras: string[] = [];
  const TELLS = [
    '他说，遥远的地方有一座山。我们走了很久，终于看见了山顶的积雪。',
    '袁先生是我们的老师，他教我们读书写字。每到周末，袁老师都带我们去郊外散步。',
    '星星离我们很遥远，可是，抬头就能看见它们。',
  ];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const text = s[(3 * i) % s.length] + s[(3 * i + 1) % s.length] + s[(3 * i + 2) % s.length];
    if (isSuspect(text)) continue;
    // Cut into inline pieces: text, link, text, emphasis, text, span, text, strong, text.
    const cut = (t: string, k: number) => Math.floor((t.length * k) / 9);
    const piece = (k: number) => esc(text.slice(cut(text, k), cut(text, k + 1)));
    const p = `<p>${piece(0)}<a href="#n${i}">${piece(1)}</a>${piece(2)}<em>${piece(3)}</em>${piece(4)}<span>${piece(5)}</span>${piece(6)}<strong>${piece(7)}</strong>${piece(8)}</p>`;
    paras.push(p);
    size += bytes(p);
    if (tells && i % 500 === 250) paras.push(`<p>${esc(TELLS[(i / 500) % TELLS.length | 0])}</p>`);
  }
  return { file: tells ? 'clean-tells.html' : 'clean.html', body: html('今日新闻', `<article>\n${paras.join('\n')}\n</article>`) };
}

/** About `targetBytes` of e-paper: the seed article's Founder-damaged text-layer lines, one <p> a line, repeated. */
export function epaperPage(targetBytes: number): BenchPage {
  const lines = (f: string) => readFileSync(join(repoRoot, 'tests/fixtures', f), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const damaged = lines('seed-founder.txt');
  const expected = lines('seed-founder.expected.txt');
  const paras: string[] = [];
  const exp: string[] = [];
  let size = 0;
  for (let copy = 0; size < targetBytes; copy++) {
    paras.push(`<h2>第${copy + 1}版</h2>`);
    for (let i = 0; i < damaged.length; i++) {
      const attr = damaged[i] !== expected[i] ? ` data-i="${exp.push(expected[i]) - 1}"` : '';
      const p = `<p${attr}>${esc(damaged[i])}</p>`;
      paras.push(p);
      size += bytes(p);
    }
  }
  return { file: 'epaper.html', body: html('电子报', `<article>\n${paras.join('\n')}\n</article>`, exp) };
}

/** About `targetBytes` of forum posts: two in three UTF-8 read as GBK, the rest clean. */
export function forumPage(targetBytes: number): BenchPage {
  const s = cleanSentences();
  const posts: string[] = [];
  const exp: string[] = [];
  let size = 0;
  // Sentences whose UTF-8 bytes read as GBK without a lost byte (UTF-8 as GBK loses one in about half of them).
  const damageable = s.filter((t) => { try { utf8AsGbk(t); return true; } catch { return false; } });
  for (let i = 0; size < targetBytes; i++) {
    let body: string;
    if (i % 3 !== 2) {
      const text = damageable[(2 * i) % damageable.length] + damageable[(2 * i + 1) % damageable.length];
      let d: string;
      try { d = utf8AsGbk(text); } catch { continue; }
      body = `<div class="content" data-i="${exp.push(text) - 1}">${esc(d)}</div>`;
    } else {
      body = `<div class="content">${esc(s[(2 * i) % s.length] + s[(2 * i + 1) % s.length])}</div>`;
    }
    const post = `<div class="post"><div class="author">用户${i + 1}</div>${body}</div>`;
    posts.push(post);
    size += bytes(post);
  }
  return { file: 'forum.html', body: html('论坛', `<h1>讨论区</h1>\n${posts.join('\n')}`, exp) };
}

/** A plain-text novel of about `targetBytes`, UTF-8 read as GBK (served as UTF-8: the damage is in the text). */
export function novelPage(targetBytes: number): BenchPage {
  const s = cleanSentences();
  const paras: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const p = '　　' + s[(4 * i) % s.length] + s[(4 * i + 1) % s.length] + s[(4 * i + 2) % s.length] + s[(4 * i + 3) % s.length];
    let d: string;
    try { d = utf8AsGbk(p); } catch { continue; }
    paras.push(p);
    size += bytes(d) + 1;
  }
  const expected = paras.join('\n') + '\n';
  return { file: 'novel.txt', body: Buffer.from(paras.map(utf8AsGbk).join('\n') + '\n', 'utf8'), plainExpected: expected };
}

/**
 * A clean dynamic page: from the `churn` event on, `perSecond` new paragraphs a second (a batch every 10 ms), the
 * oldest removed beyond `keep`, for `seconds`; `damagedEvery` > 0 makes every n-th one UTF-8 read as GBK.
 */
export function churnPage(perSecond: number, seconds: number, keep: number, damagedEvery = 0): BenchPage {
  const s = cleanSentences().slice(0, 500);
  const damaged = s.map((t) => { try { return utf8AsGbk(t); } catch { return t; } });
  const script = `
var S = ${JSON.stringify(s)}, D = ${JSON.stringify(damaged)};
window.startChurn = function () {
  var box = document.getElementById('feed'), n = 0, per = ${perSecond / 100}, end = performance.now() + ${seconds * 1000};
  performance.mark('luanma-bench-churn-start');
  return new Promise(function (done) {
    var timer = setInterval(function () {
      for (var k = 0; k < per; k++, n++) {
        var p = document.createElement('p');
        p.textContent = ${damagedEvery} > 0 && n % ${damagedEvery || 1} === 0 ? D[n % D.length] : S[n % S.length];
        box.appendChild(p);
        if (box.childNodes.length > ${keep}) box.removeChild(box.firstChild);
      }
      if (performance.now() >= end) { clearInterval(timer); performance.mark('luanma-bench-churn-end'); done(n); }
    }, 10);
  });
};`;
  return { file: damagedEvery ? 'churn-damaged.html' : 'churn.html', body: html('动态', '<div id="feed"></div>', [], script) };
}
