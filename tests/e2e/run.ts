/**
 * End-to-end tests: builds the test flavour of the extension, serves tests/e2e/pages on 127.0.0.1,
 * runs every check in Debian's Chromium and then Firefox ESR, prints each result and a final
 * `N passed, N failed` line, and exits non-zero on any failure.
 *
 *   npm run test:e2e                      real engine
 *   npm run test:e2e -- --fake-engine     fixture-only decoder double: checks the plumbing alone
 *   npm run test:e2e -- --only=chromium   one browser;  --grep=TEXT  checks whose name contains TEXT
 *   --screenshots=DIR  save the screenshots there (default tests/e2e/.artifacts)
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKS, type CheckContext } from './checks';
import { FIX_CHECKS } from './checks-fix';
import { COPY_CHECKS } from './checks-copy';
import { REDECODE_CHECKS } from './checks-redecode';
import { ARTIFACTS, buildExtension, closePage, launchChromium, launchFirefox, openPopup, serve, settled, type Launched } from './harness';

CHECKS.push(...FIX_CHECKS);
CHECKS.push(...COPY_CHECKS);
CHECKS.push(...REDECODE_CHECKS);

const args = process.argv.slice(2);
const fake = args.includes('--fake-engine');
const only = args.find((a) => a.startsWith('--only='))?.slice(7);
const grep = args.find((a) => a.startsWith('--grep='))?.slice(7);
const shotsDir = args.find((a) => a.startsWith('--screenshots='))?.slice(14) ?? ARTIFACTS;
const CHECK_TIMEOUT_MS = 30_000;

const started = Date.now();
const dirs = buildExtension(fake);
const { server, base } = await serve();
mkdirSync(ARTIFACTS, { recursive: true });
mkdirSync(shotsDir, { recursive: true });
let passed = 0;
let failed = 0;

const browsers: Array<['chromium' | 'firefox', () => Promise<Launched>]> = [
  ['chromium', () => launchChromium(dirs.chrome)],
  ['firefox', () => launchFirefox(dirs.firefox)],
];

for (const [name, launch] of browsers) {
  if (only && only !== name) continue;
  console.log(`\n# ${name}${fake ? ' (fake engine)' : ''}`);
  let launched: Launched;
  try {
    launched = await launch();
  } catch (err) {
    failed += CHECKS.length;
    console.log(`not ok - ${name}: could not launch: ${String(err)}`);
    continue;
  }
  const ctx: CheckContext = {
    context: launched.context, base, browser: name, artifacts: ARTIFACTS,
    async open(path) {
      const page = await launched.context.newPage();
      await page.setViewportSize({ width: 900, height: 700 });
      await page.goto(base + path);
      return page;
    },
  };
  for (const check of CHECKS) {
    if (grep && !check.name.includes(grep)) continue;
    const t0 = Date.now();
    try {
      await Promise.race([
        check.run(ctx),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)),
      ]);
      passed++;
      console.log(`ok - [${name}] ${check.name} (${Date.now() - t0} ms)`);
    } catch (err) {
      failed++;
      console.log(`not ok - [${name}] ${check.name}\n    ${err instanceof Error ? err.message : String(err)}`);
    }
    for (const p of launched.context.pages()) await closePage(p);
  }
  // Screenshots of a repaired page (with highlights) and of the popup for that tab.
  try {
    const page = await ctx.open('/epaper.html');
    await settled(page);
    await page.screenshot({ path: join(shotsDir, `${name}-repaired-page.png`) });
    const popup = await openPopup(launched.context, page);
    await popup.setViewportSize({ width: 340, height: 520 });
    await popup.screenshot({ path: join(shotsDir, `${name}-popup.png`) });
  } catch (err) {
    console.log(`# screenshots failed in ${name}: ${String(err)}`);
  }
  await launched.close();
}

server.close();
rmSync(dirs.outDir, { recursive: true, force: true });
console.log(`\n# e2e finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
