/**
 * A build plugin that records which source modules every built file holds, one JSON line per chunk, in a file
 * beside the extension's folder (never inside it, so it is never zipped). tests/build/check-bundles.ts reads it
 * to prove what production bundles do and do not contain, from the module graph rather than from names.
 */
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { Plugin } from 'vite';

/** `<outBaseDir>/<target>.modules.jsonl`, e.g. `.output/chrome-mv3.modules.jsonl`. */
export const moduleListPath = (outBaseDir: string, outDir: string) => `${outBaseDir}/${relative(outBaseDir, outDir)}.modules.jsonl`;

export function resetModuleList(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  rmSync(path, { force: true });
}

export function moduleListPlugin(root: string, path: () => string | undefined): Plugin {
  return {
    name: 'luanma-module-list',
    apply: 'build',
    generateBundle(_options, bundle) {
      const file = path();
      if (!file) return;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        // A module whose code was all tree-shaken away is listed with nothing rendered: it did not ship.
        const ids = Object.entries(chunk.modules).filter(([, m]) => m.renderedLength > 0).map(([id]) => id);
        appendFileSync(file, JSON.stringify({ file: chunk.fileName, modules: ids.map((id) => relative(root, id.replace(/^\0/, ''))) }) + '\n');
      }
    },
  };
}
