/**
 * Checks on the production builds (`npm run build` first), the ones users get: what they contain, read from
 * the module lists the build records (scripts/lib/module-list.ts) and from the built files themselves.
 *
 *   npm run test:bundles
 *
 * Prints one line per check, each bundle's size (raw and gzip -9), and a final `N passed, N failed`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { E2E_GECKO_ID, GECKO_ID, MIN_CHROME, MIN_FIREFOX } from '../../wxt.config';

const OUT = resolve(import.meta.dirname, '../../.output');
const TARGETS = ['chrome-mv3', 'firefox-mv2'] as const;

let passed = 0;
let failed = 0;
function check(name: string, problems: string[]): void {
  if (problems.length === 0) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}\n    ${problems.slice(0, 20).join('\n    ')}`);
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Module ids whose presence in a production bundle is a test hook or a test double. */
const TEST_ONLY = [/^src\/ext\/e2e\//, /^tests\//];
/** Strings only the test build's hooks carry (src/ext/e2e/background-hooks.ts). */
const TEST_ONLY_TEXT = ['__luanmaE2E', 'e2e-control'];
/**
 * The permissions the README's "Permissions" table explains, and nothing else. `tabs` is not needed: with
 * <all_urls> the extension sees a tab's URL (tabs.query, tabs.get, sender.tab) in both browsers.
 */
const PERMISSIONS = ['storage', 'scripting', 'contextMenus', 'clipboardWrite'];
const HOSTS = ['<all_urls>'];

/**
 * The first content script runs in every frame of every page, and most pages have no mojibake: its size is
 * what every page pays to parse and compile. It holds the cheap gate, the walker and the scan, the settings and
 * the message plumbing; everything else is in the decoder bundle, loaded on need (content/page-kit-port.ts).
 * The budget of issue 13, gzip -9, in kB of 1,000 bytes.
 */
const FIRST_SCRIPT_GZIP_MAX = 12_000;

/** Code that turns strings into code or markup: none of ours needs it, and store reviewers look for it. */
const FORBIDDEN_CODE: Array<[RegExp, string]> = [
  [/\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/, 'markup from a string'],
  [/\beval\(|new Function\(|setTimeout\(\s*['"`]|setInterval\(\s*['"`]/, 'string evaluation'],
  [/import\(\s*['"`]https?:|importScripts\(\s*['"`]https?:/, 'remote code'],
];

/** A piece of each generated table's data (its longest string literal), to find copies of it in any built file. */
const DATA_SAMPLES: Array<[string, string]> = [
  ['gb18030 table', 'src/core/codecs/tables/gb18030.generated.ts'],
  ['big5 table', 'src/core/codecs/tables/big5.generated.ts'],
  ['unigram model', 'src/core/model/unigram.generated.ts'],
].map(([what, file]) => {
  const literals = readFileSync(resolve(import.meta.dirname, '../..', file), 'utf8').match(/"[^"\\\n]{20,}"/g) ?? [];
  const longest = literals.sort((a, b) => b.length - a.length)[0];
  if (!longest) throw new Error(`no data literal found in ${file}`);
  return [what, longest.slice(1, 21)];
});

for (const target of TARGETS) {
  const dir = join(OUT, target);
  const listFile = join(OUT, `${target}.modules.jsonl`);
  let chunks: Array<{ file: string; modules: string[] }> = [];
  try {
    chunks = readFileSync(listFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  } catch (err) {
    check(`${target}: module list recorded by the build`, [`cannot read ${relative(process.cwd(), listFile)} (run npm run build first): ${String(err)}`]);
    continue;
  }
  check(`${target}: module list recorded by the build`, chunks.length > 0 ? [] : ['empty']);
  check(
    `${target}: no test hook or test double in any production bundle`,
    chunks.flatMap((c) => c.modules.filter((m) => TEST_ONLY.some((re) => re.test(m))).map((m) => `${c.file} holds ${m}`)),
  );
  const content = chunks.find((c) => c.file === 'content-scripts/content.js');
  check(
    `${target}: the first content script carries no decoder (codec tables, language model) and no storage item module (those read storage, storage.session included, on import)`,
    // founder/colon-cue.ts is the one table-free founder module, shared with the cheap gate on purpose (its header says so).
    content ? content.modules.filter((m) => /src\/core\/(codecs|model\/(unigram|pairs|single-word))|src\/core\/(encoding|founder)\/|stats-store|@wxt-dev\/storage|wxt\/dist\/utils\/storage/.test(m) && !m.endsWith('src/core/founder/colon-cue.ts')) : ['no content-scripts/content.js'],
  );
  // The codec tables and the language model (~600 kB) ship once: the paste-and-fix page and its worker load the
  // decoder bundle (fix/engine-script.ts) instead of carrying copies of their own.
  const DECODER_DATA = /src\/core\/(codecs\/tables\/|model\/(unigram|pairs|single-word))/;
  check(
    `${target}: the codec tables and the language model are in one built file, decoder.js`,
    chunks.filter((c) => c.file !== 'decoder.js' && c.modules.some((m) => DECODER_DATA.test(m))).map((c) => `${c.file} holds ${c.modules.filter((m) => DECODER_DATA.test(m)).join(', ')}`),
  );
  const contentGzip = (() => { try { return gzipSync(readFileSync(join(dir, 'content-scripts/content.js')), { level: 9 }).length; } catch { return -1; } })();
  check(
    `${target}: the first content script is at most ${FIRST_SCRIPT_GZIP_MAX / 1000} kB gzip -9 (it is ${(contentGzip / 1000).toFixed(2)} kB)`,
    contentGzip < 0 ? ['no content-scripts/content.js'] : contentGzip > FIRST_SCRIPT_GZIP_MAX ? [`${contentGzip} bytes: move what is not the gate or the scan into the decoder bundle`] : [],
  );
  // The promise-based API is webextension-polyfill's everywhere but in the first content script, which keeps the
  // native one to stay small (scripts/lib/native-browser-in-content.ts).
  const polyfill = (m: string) => m.includes('node_modules/webextension-polyfill/');
  check(
    `${target}: webextension-polyfill in the background, not in the first content script or the decoder bundle`,
    [
      ...(content?.modules.filter(polyfill).map((m) => `content-scripts/content.js holds ${m}`) ?? []),
      // The decoder bundle also runs in fix.html's worker, where the polyfill throws on import.
      ...(chunks.find((c) => c.file === 'decoder.js')?.modules.filter(polyfill).map((m) => `decoder.js holds ${m}`) ?? []),
      ...(chunks.find((c) => c.file === 'background.js')?.modules.some(polyfill) ? [] : ['background.js has no webextension-polyfill']),
    ],
  );
  const contentCode = (() => { try { return readFileSync(join(dir, 'content-scripts/content.js'), 'utf8'); } catch { return ''; } })();
  // storage.local is allowed: the per-site rules move there once they outgrow sync (settings-quota.ts), and content
  // scripts may read it in both browsers. WXT storage-item keys ('local:…', 'session:…') still mean a module that
  // reads storage on import.
  check(
    `${target}: the first content script touches no storage area but storage.sync and storage.local (content scripts may not use storage.session)`,
    [
      ...['storage.session', 'session:'].filter((t) => contentCode.includes(t)).map((t) => `content.js mentions ${t}`),
      ...(/["'`]local:/.test(contentCode) ? ['content.js holds a WXT storage-item key (local:…)'] : []),
    ],
  );

  const js = filesUnder(dir).filter((f) => f.endsWith('.js'));
  // Worker chunks are built apart and missing from the module list: look for the data itself in every file.
  check(
    `${target}: no built file but decoder.js carries the codec tables or the language model (workers included)`,
    js.filter((f) => relative(dir, f) !== 'decoder.js').flatMap((f) => {
      const code = readFileSync(f, 'utf8');
      return DATA_SAMPLES.filter(([, sample]) => code.includes(sample)).map(([what]) => `${relative(dir, f)} holds the ${what}`);
    }),
  );
  check(
    `${target}: no test-build hook text in any production bundle`,
    js.flatMap((f) => { const code = readFileSync(f, 'utf8'); return TEST_ONLY_TEXT.filter((t) => code.includes(t)).map((t) => `${relative(dir, f)} holds ${t}`); }),
  );
  check(
    `${target}: no markup from strings, string evaluation or remote code in any bundle`,
    js.flatMap((f) => {
      const code = readFileSync(f, 'utf8');
      return FORBIDDEN_CODE.filter(([re]) => re.test(code)).map(([, what]) => `${relative(dir, f)}: ${what}`);
    }),
  );

  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  check(`${target}: the manifest is the production one (its name and add-on id)`, [
    ...(manifest.name === '__MSG_extName__' ? [] : [`name ${JSON.stringify(manifest.name)}`]),
    ...(target === 'firefox-mv2' && geckoId !== GECKO_ID ? [`gecko id ${geckoId} (the test build's is ${E2E_GECKO_ID})`] : []),
  ]);

  check(`${target}: the oldest browser version the manifest admits is the one the APIs need (Chromium ${MIN_CHROME}, Firefox ${MIN_FIREFOX})`, target === 'chrome-mv3'
    ? (manifest.minimum_chrome_version === String(MIN_CHROME) ? [] : [`minimum_chrome_version ${JSON.stringify(manifest.minimum_chrome_version)}`])
    : (manifest.browser_specific_settings?.gecko?.strict_min_version === `${MIN_FIREFOX}.0` ? [] : [`strict_min_version ${JSON.stringify(manifest.browser_specific_settings?.gecko?.strict_min_version)}`]));

  const granted: string[] = manifest.permissions ?? [];
  const hosts: string[] = target === 'firefox-mv2' ? granted.filter((p) => p.includes('://') || p === '<all_urls>') : manifest.host_permissions ?? [];
  const apis = granted.filter((p) => !hosts.includes(p));
  check(`${target}: exactly the permissions the README explains (${PERMISSIONS.join(', ')}; hosts ${HOSTS.join(', ')}), no tabs`, [
    ...apis.filter((p) => !PERMISSIONS.includes(p)).map((p) => `unexplained permission ${p}`),
    ...PERMISSIONS.filter((p) => !apis.includes(p)).map((p) => `${p} missing (update README and this list together)`),
    ...(JSON.stringify(hosts) === JSON.stringify(HOSTS) ? [] : [`host permissions ${JSON.stringify(hosts)}`]),
    ...(manifest.optional_permissions?.length ? [`optional permissions ${JSON.stringify(manifest.optional_permissions)}`] : []),
  ]);

  console.log(`# ${target} bundles (raw / gzip -9):`);
  for (const f of js.sort()) {
    const code = readFileSync(f);
    console.log(`#   ${relative(dir, f).padEnd(44)} ${(code.length / 1024).toFixed(1).padStart(7)} kB ${(gzipSync(code, { level: 9 }).length / 1024).toFixed(1).padStart(7)} kB`);
  }
}

// `dependencies` are what the shipped code is built from: each must be in some production bundle (build tools,
// types and test oracles such as iconv-lite are devDependencies).
{
  const deps = Object.keys(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')).dependencies ?? {});
  const shipped = TARGETS.flatMap((t) => { try { return readFileSync(join(OUT, `${t}.modules.jsonl`), 'utf8').split('\n').filter(Boolean).flatMap((l) => JSON.parse(l).modules as string[]); } catch { return []; } });
  check(`every package in dependencies (${deps.join(', ') || 'none'}) is in a production bundle`,
    deps.filter((d) => !shipped.some((m) => m.includes(`node_modules/${d}/`))).map((d) => `${d} is in dependencies but no bundle imports it`));
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
