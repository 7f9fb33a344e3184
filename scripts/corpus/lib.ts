/**
 * Shared by the corpus builders (build-fp-corpus.ts, build-heldout.ts): fetching npm tarballs without installing
 * them, splitting documents into paragraphs, and telling scripts apart. Nothing here normalises text: every
 * paragraph is a substring of the file it came from (or, where a source says so, its OpenCC conversion).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as OpenCC from 'opencc-js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE = join(ROOT, '.cache');
export const NPM_CACHE = join(CACHE, 'npm');

/** `npm pack name@version` into .cache/npm (once) and unpack it into .cache/npm/x/<name>-<version>/; returns that folder. */
export function fetchPackage(name: string, version: string): string {
  mkdirSync(NPM_CACHE, { recursive: true });
  const flat = `${name.replace(/^@/, '').replace('/', '-')}-${version}`;
  const tarball = join(NPM_CACHE, `${flat}.tgz`);
  if (!existsSync(tarball)) {
    console.error(`npm pack ${name}@${version}`);
    execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', NPM_CACHE, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const dir = join(NPM_CACHE, 'x', flat);
  if (!existsSync(join(dir, 'package', 'package.json'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', dir]);
  }
  const pkg = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8'));
  if (pkg.version !== version) throw new Error(`${name}: got version ${pkg.version}, wanted ${version}`);
  return join(dir, 'package');
}

/** Files under `dir` (recursively) whose path relative to it matches `re`, sorted. */
export function listFiles(dir: string, re: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (re.test(relative(dir, p))) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export const readJson = (p: string): any => JSON.parse(readFileSync(p, 'utf8'));

export interface MdBlock {
  text: string;
  code: boolean;
}

/**
 * Markdown into blocks: fenced code blocks whole (without the fences), prose blocks split at blank lines; list
 * items and table rows are one block each. Every block is kept exactly as written (hard-wrapped lines keep their
 * "\n"). Blocks that are only markup (images, badges, HTML tags) are dropped.
 */
export function markdownBlocks(md: string): MdBlock[] {
  const lines = md.replace(/\r\n/g, '\n').split('\n');
  const out: MdBlock[] = [];
  let prose: string[] = [];
  const flush = () => {
    if (prose.length) {
      const block = prose.join('\n');
      if (!/^\s*(<[^>]*>\s*)+$/.test(block) && !/^\s*\[?!\[/.test(block)) out.push({ text: block, code: false });
    }
    prose = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^\s*(```|~~~)/.exec(line);
    if (fence) {
      flush();
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i].trimStart().startsWith(fence[1]); i++) body.push(lines[i]);
      if (body.length) out.push({ text: body.join('\n'), code: true });
      continue;
    }
    if (line.trim() === '') {
      flush();
    } else if (/^\s*([-*+]|\d+[.)])\s+/.test(line) || /^\s*\|/.test(line) || /^#{1,6}\s/.test(line)) {
      flush();
      prose.push(line);
      flush();
    } else {
      prose.push(line);
    }
  }
  flush();
  return out;
}

// ---------------------------------------------------------------- scripts

const t2s = OpenCC.Converter({ from: 't', to: 'cn' });
const s2t = OpenCC.Converter({ from: 'cn', to: 't' });
/** Traditional (OpenCC standard) to simplified (mainland): for sources only published in traditional characters. */
export const toSimplified = (s: string): string => t2s(s);

export const HAN_RE = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\u{20000}-\u{3134f}]/u;
export const KANA_RE = /[\u3041-\u3096\u30a1-\u30fa]/;
const HANGUL_RE = /[\uac00-\ud7a3]/;
const CYRILLIC_RE = /[\u0400-\u04ff]/;
const LATIN_EXT_RE = /[\u00c0-\u024f]/;

function diffCount(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length) return Math.abs(x.length - y.length) + 1;
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) n++;
  return n;
}

/** 'hans' or 'hant' by which OpenCC direction changes more characters; `fallback` when neither does. */
export function hanScript(text: string, fallback: 'hans' | 'hant'): 'hans' | 'hant' {
  const trad = diffCount(text, t2s(text)); // characters only traditional text has
  const simp = diffCount(text, s2t(text)); // characters only simplified text has
  return trad > simp ? 'hant' : simp > trad ? 'hans' : fallback;
}

/**
 * The language class of one paragraph: ja (any kana), ko, ru, hans/hant, mixed (Han with a good share of Latin
 * letters: technical text), latin (accented Latin letters), en, or code when the caller says so.
 */
export function classify(text: string, hanFallback: 'hans' | 'hant' = 'hans'): string {
  if (KANA_RE.test(text)) return 'ja';
  if (HANGUL_RE.test(text)) return 'ko';
  if (HAN_RE.test(text)) {
    let han = 0;
    let latin = 0;
    for (const ch of text) {
      if (HAN_RE.test(ch)) han++;
      else if (/[A-Za-z]/.test(ch)) latin++;
    }
    if (latin >= 8 && latin >= han * 0.5) return 'mixed';
    return hanScript(text, hanFallback);
  }
  if (CYRILLIC_RE.test(text)) return 'ru';
  if (LATIN_EXT_RE.test(text)) return 'latin';
  return 'en';
}

/** Code points, not UTF-16 units. */
export const charLength = (s: string): number => [...s].length;

/** Sentence-aligned pieces of at most `max` characters (a sentence longer than that is left out). */
export function sentenceChunks(text: string, max: number): string[] {
  const sents = text.match(/[^。！？；!?]*[。！？；!?]+[”’」』）)]*|[^。！？；!?]+$/g) ?? [];
  const out: string[] = [];
  let cur = '';
  for (const s of sents) {
    if (charLength(s) > max) {
      if (cur) out.push(cur);
      cur = '';
      continue;
    }
    if (charLength(cur + s) > max) {
      out.push(cur);
      cur = s;
    } else cur += s;
  }
  if (cur) out.push(cur);
  return out.filter((c) => c.trim() !== '');
}

/** The shared eval folder (generate.py, score.py): $LUANMA_EVAL_DIR, or ../shared/eval beside the repo (or beside its worktree folder). */
export function sharedEvalDir(): string {
  const candidates = [process.env.LUANMA_EVAL_DIR, join(ROOT, '..', 'shared', 'eval'), join(ROOT, '..', '..', 'shared', 'eval')];
  for (const c of candidates) if (c && existsSync(join(c, 'generate.py'))) return c;
  throw new Error(`no shared eval folder (generate.py) in ${candidates.filter(Boolean).join(', ')}; set LUANMA_EVAL_DIR`);
}
