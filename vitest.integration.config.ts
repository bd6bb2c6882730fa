import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// The integration tier: tests that drive real tools — Neovim, Chromium, pre-commit, the GitHub Action's
// script under a runner's environment. `.ci/run` installs the tools first; a missing tool fails its test
// (it never skips), so a green run means each tool really ran.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/integration/**/*.test.ts', 'test/neovim/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // One file at a time: each test starts a browser, an editor or npm installs on a 2-core machine.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
