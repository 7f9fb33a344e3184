/**
 * Pages whose Content-Type lies, for the re-decoding checks (checks-redecode.ts), built in memory from real text:
 * paragraphs of the dev set (tests/fixtures/devset.jsonl: Debian documentation and game texts in simplified and
 * traditional Chinese and Japanese) and a chapter of classical prose (tests/fixtures/novel-chapter.txt).
 *
 * Every page has a title, headings, paragraphs split by <b> and <a>, an image description, a field hint and a
 * footer. Each text run is encoded on its own between ASCII markup, so what a browser shows for a run under a
 * wrong label is that run's bytes decoded alone (the decoders never carry state across '>' and '<').
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeAs, encodeIn } from '../../scripts/lib/redecode-codecs';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export type PageEncoding = 'utf-8' | 'gbk' | 'big5' | 'shift_jis' | 'euc-kr' | 'windows-1252';

export function encodeText(enc: PageEncoding, text: string): Uint8Array {
  const bytes = encodeIn(enc, text);
  if (!bytes) throw new Error(`${JSON.stringify(text.slice(0, 40))} does not encode in ${enc}`);
  return bytes;
}

/** What a browser shows for one run's bytes under `enc`. */
export const decodeText = (enc: PageEncoding, bytes: Uint8Array): string => decodeAs(enc, bytes);

type Run = string | { tag: 'b' | 'a'; text: string };

export interface PageModel {
  title: string;
  blocks: Array<{ id: string; tag: 'h1' | 'h2' | 'p' | 'footer'; runs: Run[] }>;
  alt: string;
  placeholder: string;
  lang: string;
}

/** Per element id (and title, alt, placeholder): a text as the reader must see it. */
export type PageTexts = Record<string, string>;

export interface ServedPage {
  body: Uint8Array;
  contentType: string;
  /** The true text of each part. */
  truth: PageTexts;
  model?: PageModel;
  encoding: PageEncoding;
}

const devset = new Map<string, string>(
  readFileSync(join(FIXTURES, 'devset.jsonl'), 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; kind: string; expected: string })
    .filter((c) => c.kind.startsWith('clean_'))
    .map((c) => [c.id, c.expected]),
);
const para = (id: string) => {
  const t = devset.get(id);
  if (!t) throw new Error(`no dev-set paragraph ${id}`);
  return t;
};
/** The text up to its first clause mark: a heading-sized piece of real text. */
const clause = (id: string) => para(id).split(/[，。、：；！？]/)[0].trim();
/** A paragraph with its middle third wrapped in a tag. */
function split(id: string, tag: 'b' | 'a'): Run[] {
  const chars = [...para(id)];
  const a = Math.floor(chars.length / 3), b = Math.floor((2 * chars.length) / 3);
  return [chars.slice(0, a).join(''), { tag, text: chars.slice(a, b).join('') }, chars.slice(b).join('')];
}

function model(lang: string, ids: { title: string; h1: string; p1: string; h2: string; p2: string; p3: string; footer: string; alt: string; placeholder: string }): PageModel {
  return {
    lang,
    title: clause(ids.title),
    blocks: [
      { id: 'h1', tag: 'h1', runs: [clause(ids.h1)] },
      { id: 'p1', tag: 'p', runs: split(ids.p1, 'b') },
      { id: 'h2', tag: 'h2', runs: [clause(ids.h2)] },
      { id: 'p2', tag: 'p', runs: split(ids.p2, 'a') },
      { id: 'p3', tag: 'p', runs: [para(ids.p3)] },
      { id: 'footer', tag: 'footer', runs: [para(ids.footer)] },
    ],
    alt: clause(ids.alt),
    placeholder: clause(ids.placeholder),
  };
}

/** Simplified Chinese (GBK pages). */
export const HANS = model('zh-CN', {
  title: 'dc5036e42cb', h1: 'd04072d6773', p1: 'dd486e7b795', h2: 'd9c0dfbb782', p2: 'd6819beb5da', p3: 'd55070c7afc', footer: 'df952ea242f', alt: 'd9c6bc2c1bf', placeholder: 'df23744c221',
});
/** Traditional Chinese (the Big5 page). */
export const HANT = model('zh-TW', {
  title: 'd85e83403db', h1: 'd3fb3fa9640', p1: 'dc5dc2b678a', h2: 'd0149ac729b', p2: 'dd49b2d47b0', p3: 'd65157061dd', footer: 'd1c0cae0d41', alt: 'd96c3be3b56', placeholder: 'db2adbcc74e',
});
/** Japanese (the Shift_JIS page). */
export const JA = model('ja', {
  title: 'd1257373641', h1: 'dc728f35214', p1: 'de1eb576b52', h2: 'd2fd68ad27b', p2: 'd7ac2678e63', p3: 'd4d1e4e77b1', footer: 'dc6b19e20d3', alt: 'd5673f9e846', placeholder: 'dc6b19e20d3',
});

const ascii = (s: string) => new TextEncoder().encode(s);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** Every text of the model as `view` turns each run (the truth: identity). */
export function textsOf(m: PageModel, view: (run: string) => string): PageTexts {
  const out: PageTexts = { title: view(m.title), alt: view(m.alt), placeholder: view(m.placeholder) };
  for (const b of m.blocks) out[b.id] = b.runs.map((r) => view(typeof r === 'string' ? r : r.text)).join('');
  return out;
}

/** The page's bytes: markup in ASCII, every text run in `enc`. `head` and `tail` are ASCII markup of the test's own. */
export function renderHtml(m: PageModel, enc: PageEncoding, head = '', tail = ''): Uint8Array {
  const t = (s: string) => encodeText(enc, esc(s));
  const parts: Uint8Array[] = [ascii(`<!doctype html>\n<html lang="${m.lang}">\n<head>\n${head}<title>`), t(m.title), ascii('</title>\n</head>\n<body>\n')];
  for (const b of m.blocks) {
    parts.push(ascii(`<${b.tag} id="${b.id}">`));
    for (const r of b.runs) {
      if (typeof r === 'string') parts.push(t(r));
      else parts.push(ascii(r.tag === 'a' ? '<a href="#more">' : '<b>'), t(r.text), ascii(`</${r.tag}>`));
    }
    parts.push(ascii(`</${b.tag}>\n`));
    if (b.id === 'p2') {
      parts.push(ascii('<p><img id="img" width="16" height="16" alt="'), t(m.alt), ascii('"> <input id="field" placeholder="'), t(m.placeholder), ascii('"></p>\n'));
    }
  }
  parts.push(ascii(`${tail}</body>\n</html>\n`));
  return concat(parts);
}

/** The chapter as a Windows editor saves it: CR LF line ends. */
export const NOVEL = readFileSync(join(FIXTURES, 'novel-chapter.txt'), 'utf8');

/**
 * The dynamic page's script, ASCII only (\u escapes), as a script file saved in any encoding would be: it counts
 * loads, marks an element with an expando, fills the field, adds a button with a handler and two paragraphs of
 * correct Chinese (one at once, one after the re-decoding has had time to run).
 */
export const DYNAMIC_ADDED = { early: '这段文字由脚本在页面载入时加入。', late: '这段文字由脚本在一秒半之后加入。' };
const jsEscape = (s: string) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
export const DYNAMIC_SCRIPT = `<script>
(function () {
  var loads = Number(sessionStorage.getItem('rd-loads') || 0) + 1;
  sessionStorage.setItem('rd-loads', String(loads));
  window.rdLoads = loads;
  function add(id, text) { var p = document.createElement('p'); p.id = id; p.textContent = text; document.body.appendChild(p); }
  document.addEventListener('DOMContentLoaded', function () {
    document.getElementById('p1').rdMark = 'kept';
    document.getElementById('field').value = 'typed before';
    var btn = document.createElement('button');
    btn.id = 'counter';
    btn.textContent = '0';
    btn.addEventListener('click', function () { btn.textContent = String(Number(btn.textContent) + 1); });
    document.body.appendChild(btn);
    add('early', '${jsEscape(DYNAMIC_ADDED.early)}');
  });
  setTimeout(function () { add('late', '${jsEscape(DYNAMIC_ADDED.late)}'); }, 1500);
})();
</script>
`;

/** A piece of a dev-set paragraph, found by its text (so the piece stays real text). */
const piece = (id: string, text: string) => {
  if (!para(id).includes(text)) throw new Error(`${id} has no ${text}`);
  return text;
};

/** A mostly English page with a few Chinese words: mis-decoded, but too little of it for the automatic path. */
export const SPARSE: PageModel = {
  lang: 'en',
  title: 'Release notes',
  blocks: [
    { id: 'h1', tag: 'h1', runs: ['Release notes'] },
    { id: 'p1', tag: 'p', runs: ['This release adds the ', { tag: 'b', text: piece('dc5036e42cb', '软件包管理工具') }, ' manual pages.'] },
    { id: 'h2', tag: 'h2', runs: ['Changes'] },
    { id: 'p2', tag: 'p', runs: ['See ', { tag: 'a', text: piece('d04072d6773', '基本网络架构') }, ' for the details.'] },
    { id: 'p3', tag: 'p', runs: ['Thanks to everyone who reported problems.'] },
    { id: 'footer', tag: 'footer', runs: ['Last updated in spring.'] },
  ],
  alt: 'logo',
  placeholder: 'search',
};

const UTF8_HTML = 'text/html; charset=utf-8';

/** The pages by name (served at /rd/<name>). */
export function buildPages(): Map<string, ServedPage> {
  const pages = new Map<string, ServedPage>();
  const html = (name: string, m: PageModel, enc: PageEncoding, contentType: string, head = '', tail = '') =>
    pages.set(name, { body: renderHtml(m, enc, head, tail), contentType, truth: textsOf(m, (s) => s), model: m, encoding: enc });
  html('gbk-as-utf8.html', HANS, 'gbk', UTF8_HTML);
  html('big5-as-utf8.html', HANT, 'big5', UTF8_HTML);
  html('sjis-as-utf8.html', JA, 'shift_jis', UTF8_HTML);
  html('gbk-no-label.html', HANS, 'gbk', 'text/html');
  html('gbk-meta-1252.html', HANS, 'gbk', 'text/html', '<meta charset="windows-1252">\n');
  html('gbk-dynamic.html', HANS, 'gbk', UTF8_HTML, '', DYNAMIC_SCRIPT);
  html('utf8-right.html', HANS, 'utf-8', UTF8_HTML);
  html('gbk-right.html', HANS, 'gbk', 'text/html; charset=gbk');
  for (const n of [1, 2, 3]) html(`sparse-${n}.html`, SPARSE, 'gbk', UTF8_HTML);
  const novel = NOVEL.replace(/\n/g, '\r\n');
  pages.set('novel-gbk.txt', { body: encodeText('gbk', novel), contentType: 'text/plain; charset=utf-8', truth: { text: NOVEL }, encoding: 'gbk' });
  return pages;
}
