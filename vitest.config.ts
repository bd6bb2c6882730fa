import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

// Tests import workspace packages by name; point those names at the sources so tests never depend on a
// stale build. The CLI end-to-end tests run the built binary instead.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@nospof\/core\/testing$/, replacement: here('packages/core/src/testing/index.ts') },
      { find: /^@nospof\/rules$/, replacement: here('rules/index.ts') },
      { find: /^nospof$/, replacement: here('packages/cli/src/index.ts') },
      { find: /^@nospof\/([a-z-]+)$/, replacement: here('packages/$1/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'rules/**/*.test.ts', 'test/**/*.test.ts', 'vscode-extension/src/**/*.test.ts', 'examples/plugin/test/**/*.test.js'],
    // Tests that drive real tools (Neovim, Chromium, pre-commit, npm installing the packed package) run
    // with `npm run test:integration` (vitest.integration.config.ts), where .ci/run has installed them.
    exclude: ['**/node_modules/**', '**/dist/**', 'test/integration/**', 'test/neovim/**'],
    testTimeout: 30_000,
    pool: 'threads',
  },
});
