/**
 * End-to-end tests: builds the extension (production and test builds), serves tests/e2e/pages on 127.0.0.1,
 * runs every check in Debian's Chromium and then Firefox ESR, prints each result and a final
 * `N passed, N failed` line, and exits non-zero on any failure.
 *
 *   npm run test:e2e                      real engine; hostile pages at their small (CI) sizes
 *   npm run test:e2e -- --fake-engine     fixture-only decoder double: checks the plumbing alone
 *   npm run test:e2e -- --only=chromium   one browser;  --grep=TEXT  checks whose name contains TEXT
 *   npm run test:hostile -- --full        the hostile-page suite alone, at full size, with its figures
 *   --screenshots=DIR  save the screenshots there (default tests/e2e/.artifacts)
 *
 * Which build runs a check (see checks.ts, `needs`): the production build, the one users get, unless the
 * check needs a test-only path:
 * - `needs: 'commands'` (keyboard commands, context-menu items; no test browser can press them): the test
 *   build in both browsers, whose background exposes the command and menu functions to the test only;
 * - `needs: 'ext'` (storage, the popup, fix.html, the extension's world in a frame): in Chromium the
 *   production build, reached through its service worker and chrome-extension:// URLs; in Firefox the test
 *   build, because WebDriver BiDi can neither reach the background page nor open moz-extension:// URLs and
 *   only the test build opens a control page of its own.
 * Every check fails on any error from the extension seen while it ran (harness.ts).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKS, resetSettings, type Check, type CheckContext } from './checks';
import { COPY_CHECKS } from './checks-copy';
import { FIX_CHECKS } from './checks-fix';
import { HOSTILE_CHECKS } from './checks-hostile';
import { OPTIONS_CHECKS } from './checks-options';
import { REDECODE_CHECKS } from './checks-redecode';
import { TOOLBAR_CHECKS } from './checks-toolbar';
import { A11Y_CHECKS } from './checks-a11y';
import { ARTIFACTS, buildExtensions, launch, serve, settled, sleep, within, type BrowserName, type BuildKind, type Session } from './harness';

const args = process.argv.slice(2);
const fake = args.includes('--fake-engine');
const full = args.includes('--full');
const hostileOnly = args.includes('--hostile');
const only = args.find((a) => a.startsWith('--only='))?.slice(7);
const grep = args.find((a) => a.startsWith('--grep='))?.slice(7);
const shotsDir = args.find((a) => a.startsWith('--screenshots='))?.slice(14) ?? ARTIFACTS;
const CHECK_TIMEOUT_MS = 30_000;

const ALL: Check[] = hostileOnly ? HOSTILE_CHECKS : [...CHECKS, ...FIX_CHECKS, ...COPY_CHECKS, ...REDECODE_CHECKS, ...OPTIONS_CHECKS, ...TOOLBAR_CHECKS, ...A11Y_CHECKS, ...HOSTILE_CHECKS];

/** The build a check runs on in a browser (see the header). */
function buildFor(browser: BrowserName, check: Check): BuildKind {
  if (check.needs === 'commands') return 'test';
  if (check.needs === 'ext') return browser === 'chromium' ? 'production' : 'test';
  return 'production';
}

const WHY: Record<string, string> = {
  'chromium/test': 'commands and context-menu items, called through the test build\'s service worker',
  'firefox/test': 'commands, menu items, and every check that needs storage, the popup or fix.html (BiDi cannot open moz-extension:// URLs; the test build opens a control page)',
};

const started = Date.now();
const dirs = buildExtensions(fake);
const { server, base } = await serve();
mkdirSync(ARTIFACTS, { recursive: true });
mkdirSync(shotsDir, { recursive: true });
let passed = 0;
let failed = 0;
const figures: Array<{ browser: BrowserName; row: Record<string, string | number> }> = [];

for (const browser of ['chromium', 'firefox'] as const) {
  if (only && only !== browser) continue;
  for (const build of ['production', 'test'] as const) {
    const checks = ALL.filter((c) => (!c.only || c.only === browser) && buildFor(browser, c) === build && (!grep || c.name.includes(grep)));
    if (checks.length === 0) continue;
    const why = WHY[`${browser}/${build}`];
    console.log(`\n# ${browser}, ${build} build${fake ? ' (fake engine)' : ''}: ${checks.length} checks${why ? ` — the test build for ${why}` : ''}`);
    let session: Session;
    const tl = Date.now();
    try {
      session = await launch(browser, build, dirs, base);
      if (process.env.LUANMA_E2E_DEBUG) console.log(`    # launch ${Date.now() - tl} ms`);
    } catch (err) {
      failed += checks.length;
      console.log(`not ok - ${browser} (${build}): could not launch: ${String(err)}`);
      continue;
    }
    const ctx: CheckContext = {
      get context() { return session.context; }, get extOrigin() { return session.extOrigin; },
      base, browser, build, artifacts: ARTIFACTS, full,
      open: (path) => session.open(path),
      get ext() {
        if (!session.ext) throw new Error('this check needs the extension\'s context, which this session lacks (declare `needs`)');
        return session.ext;
      },
      figure: (row) => { figures.push({ browser, row }); console.log(`    # ${Object.entries(row).map(([k, v]) => `${k}: ${v}`).join(', ')}`); },
    };
    /** Runs one check; its problem, or null when it passed. */
    const runCheck = async (check: Check): Promise<string | null> => {
      session.takeErrors();
      const timeout = check.timeoutMs ?? CHECK_TIMEOUT_MS;
      let problem: string | null = null;
      try {
        await Promise.race([
          check.run(ctx),
          new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeout} ms`)), timeout)),
        ]);
      } catch (err) {
        problem = err instanceof Error ? err.message : String(err);
      }
      await sleep(150); // an error raised just after the last assertion still belongs to this check
      const errors = session.takeErrors();
      if (errors.length) problem = `${problem ? `${problem}\n    ` : ''}errors from the extension:\n      ${errors.slice(0, 8).join('\n      ')}`;
      const tc = Date.now();
      await within(session.closePages(), 30_000, 'closing the tabs').catch(() => undefined);
      if (session.ext) await within(resetSettings(ctx), 15_000, 'resetting the settings').catch(() => undefined);
      if (process.env.LUANMA_E2E_DEBUG) console.log(`    # cleanup ${Date.now() - tc} ms`);
      return problem;
    };
    for (const check of checks) {
      const t0 = Date.now();
      let problem = await runCheck(check);
      // A browser (or its way into the extension) that stopped answering would fail every later check: start
      // it again. Seen in Firefox, where an extension page's realm stopped answering Playwright. The check that
      // met it runs once more in the fresh browser, and must pass there: a fault of the extension fails it twice.
      if (problem !== null && !await session.healthy()) {
        console.log(`    # ${browser} (${build}) stopped answering: relaunched (${problem.split('\n')[0]})`);
        await within(session.close(), 20_000, 'closing the browser').catch(() => undefined);
        session = await launch(browser, build, dirs, base);
        const again = await runCheck(check);
        problem = again === null ? null : `${again}\n    (also before the relaunch: ${problem})`;
        if (again === null) console.log('    # passed in the relaunched browser');
        else if (!await session.healthy()) {
          await within(session.close(), 20_000, 'closing the browser').catch(() => undefined);
          session = await launch(browser, build, dirs, base);
        }
      }
      if (problem === null) {
        passed++;
        console.log(`ok - [${browser}] ${check.name} (${Date.now() - t0} ms)`);
      } else {
        failed++;
        console.log(`not ok - [${browser}] ${check.name}\n    ${problem}`);
      }
    }
    // Screenshots of a repaired page (with highlights) and of the popup for that tab, where there is a popup.
    if (session.ext && !hostileOnly) {
      try {
        const page = await ctx.open('/epaper.html');
        await settled(page);
        await page.screenshot({ path: join(shotsDir, `${browser}-repaired-page.png`) });
        const popup = await session.ext.openPopup(page);
        await popup.setViewportSize({ width: 340, height: 520 });
        await popup.screenshot({ path: join(shotsDir, `${browser}-popup.png`) });
        // The dark theme, where the browser can emulate it on extension pages (Chromium; not Firefox's BiDi).
        await popup.emulateMedia({ colorScheme: 'dark' });
        if (await popup.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)) await popup.screenshot({ path: join(shotsDir, `${browser}-popup-dark.png`) });
        await session.closePages();
      } catch (err) {
        console.log(`# screenshots failed in ${browser}: ${String(err)}`);
      }
    }
    const tq = Date.now();
    await session.close();
    if (process.env.LUANMA_E2E_DEBUG) console.log(`    # close ${Date.now() - tq} ms`);
  }
}

server.close();
rmSync(dirs.outDir, { recursive: true, force: true });
if (figures.length) {
  console.log(`\n# hostile pages (${full ? 'full size' : 'CI size; --full for the real sizes'}):`);
  for (const { browser, row } of figures) console.log(`#   ${browser.padEnd(8)} ${Object.entries(row).map(([k, v]) => `${k}: ${v}`).join(' | ')}`);
}
console.log(`\n# e2e finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
