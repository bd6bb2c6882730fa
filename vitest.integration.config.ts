import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:integration`: tests that drive tools from the system (Neovim, Chromium, pre-commit,
// husky and lefthook, npm itself installing the packed package). `.ci/run` installs those tools first;
// here they must exist: a missing tool fails its test (it never skips), so a green run means each ran.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/integration/**/*.test.ts', 'test/neovim/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // One file at a time: each test starts a browser, an editor or npm installs on a 2-core machine.
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
