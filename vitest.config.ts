import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  // WXT's test setup: `wxt/browser` and the `browser`/`chrome` globals are its in-memory fakeBrowser, the `@/`
  // alias and auto-imports work as in the build. fakeBrowser enforces no storage quota.
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
