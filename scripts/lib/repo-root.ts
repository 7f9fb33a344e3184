/**
 * The repository's root, found by walking up from a module's URL to Luanma's package.json: scripts run both from
 * source (tsx) and bundled into .cache/ (the benchmark, so it times the engine as the build compiles it), and
 * paths relative to a module file differ between the two.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function repoRoot(moduleUrl: string): string {
  for (let dir = dirname(fileURLToPath(moduleUrl)); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'luanma') return dir;
    if (dirname(dir) === dir) throw new Error(`no Luanma package.json above ${moduleUrl}`);
  }
}
