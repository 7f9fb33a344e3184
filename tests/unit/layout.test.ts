/**
 * The layout's rules, read from the imports themselves (README "Layout"):
 * - the core is pure: it imports nothing of the DOM layer, the front-ends or the browser;
 * - the DOM layer imports only the core;
 * - the front-ends (src/ext, src/fix, src/cli) stand side by side: none imports another;
 * - scripts and tests reach the CLI only through its own tests (tests/unit/cli*.test.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...filesUnder(path));
    else if (/\.ts$/.test(name)) out.push(path);
  }
  return out;
}

/** Every module specifier a file imports or re-exports (static and dynamic), resolved to a path from the root where it is ours. */
function importsOf(file: string): string[] {
  const src = readFileSync(join(ROOT, file), 'utf8');
  const specs = [...src.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"](\.[^'"]+)['"]/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  return specs.map((s) => {
    if (s.startsWith('@/')) return s.slice(2);
    if (s.startsWith('.')) return relative(ROOT, resolve(ROOT, dirname(file), s));
    return s;
  });
}

const FRONT_ENDS = ['src/ext', 'src/fix', 'src/cli'];
const under = (path: string, dir: string) => path === dir || path.startsWith(dir + '/');
const frontEndOf = (path: string) => FRONT_ENDS.find((f) => under(path, f));

const arrows = ['src', 'entrypoints', 'scripts', 'tests'].flatMap(filesUnder).flatMap((file) => importsOf(file).map((to) => ({ from: file, to })));
const show = (list: typeof arrows) => list.map((a) => `${a.from} → ${a.to}`);

describe('layout', () => {
  it('reads the imports it judges', () => {
    expect(arrows.length).toBeGreaterThan(300);
    expect(arrows).toContainEqual({ from: 'src/cli/main.ts', to: 'src/core/index' });
  });

  it('the core imports nothing but the core (no DOM layer, front-end, WXT or browser API)', () => {
    const bad = arrows.filter((a) => under(a.from, 'src/core') && !under(a.to, 'src/core'));
    expect(show(bad)).toEqual([]);
  });

  it('the DOM layer imports only the core and itself', () => {
    const bad = arrows.filter((a) => under(a.from, 'src/dom') && !under(a.to, 'src/core') && !under(a.to, 'src/dom'));
    expect(show(bad)).toEqual([]);
  });

  it('no front-end imports another', () => {
    const bad = arrows.filter((a) => {
      const from = frontEndOf(a.from);
      const to = frontEndOf(a.to);
      return from !== undefined && to !== undefined && from !== to;
    });
    expect(show(bad)).toEqual([]);
  });

  it('what front-ends share (src/shared) imports no front-end', () => {
    const bad = arrows.filter((a) => under(a.from, 'src/shared') && frontEndOf(a.to) !== undefined);
    expect(show(bad)).toEqual([]);
  });

  it('scripts and tests reach src/cli only from the CLI’s own tests', () => {
    const bad = arrows.filter((a) => (under(a.from, 'scripts') || under(a.from, 'tests')) && under(a.to, 'src/cli') && !/^tests\/unit\/cli[^/]*\.ts$/.test(a.from));
    expect(show(bad)).toEqual([]);
  });

  it('only the entrypoints and the e2e folder import the e2e hooks', () => {
    const bad = arrows.filter((a) => under(a.to, 'src/ext/e2e') && !under(a.from, 'entrypoints') && !under(a.from, 'src/ext/e2e') && !under(a.from, 'tests/e2e'));
    expect(show(bad)).toEqual([]);
  });
});
