// Bundles the extension (CommonJS, as VS Code loads it) and the language server (ESM, started by
// VS Code as a separate Node process) into dist/, and writes the config JSON Schema beside them.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { configSchema } from '@nospof/core';

const here = new URL('./', import.meta.url);
rmSync(new URL('dist/', here), { recursive: true, force: true });
mkdirSync(new URL('dist/', here), { recursive: true });
mkdirSync(new URL('out/', here), { recursive: true });

const common = { bundle: true, platform: 'node', target: 'node20', minify: true, keepNames: true, legalComments: 'none', logLevel: 'warning', absWorkingDir: here.pathname };

await Promise.all([
  build({ ...common, entryPoints: ['src/extension.ts'], format: 'cjs', external: ['vscode'], outfile: 'dist/extension.js' }),
  build({
    ...common,
    entryPoints: ['src/server.ts'],
    format: 'esm',
    outfile: 'dist/server.mjs',
    // Bundled CommonJS dependencies call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __nospofRequire } from 'node:module'; const require = __nospofRequire(import.meta.url);" },
  }),
]);
writeFileSync(new URL('dist/nospof-config.schema.json', here), `${JSON.stringify(configSchema, null, 2)}\n`);
