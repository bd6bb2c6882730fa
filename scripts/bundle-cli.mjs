// Bundles the built CLI into one module, packages/cli/dist/nospof.mjs. Loading one file instead of a few
// hundred halves start-up, which a pre-commit hook pays on every commit. Runs after `tsc -b`.
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('../packages/cli/dist/main.js', import.meta.url).pathname],
  outfile: new URL('../packages/cli/dist/nospof.mjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Bundled CommonJS dependencies (yaml, ignore, picomatch) call require(); give them one.
  banner: { js: "import { createRequire as __nospofCreateRequire } from 'node:module'; const require = __nospofCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
