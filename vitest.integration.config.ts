import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:integration`: tests that drive tools from the system (Neovim, Chromium, pre-commit, npm
// itself installing the packed package). `.ci/run` installs those tools first; here they must exist.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/integration/**/*.test.ts', 'test/neovim/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
