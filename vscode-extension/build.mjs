// Bundles the extension (CommonJS, as VS Code loads it) and the language server (ESM, started by
// VS Code as a separate Node process) into dist/, and writes the editor JSON Schema of .nospof.yaml beside them.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { allRules, editorSchema, settingsSchemas } from 'nospof';
import { iconPng } from './icon.mjs';

const here = new URL('./', import.meta.url);
rmSync(new URL('dist/', here), { recursive: true, force: true });
mkdirSync(new URL('dist/', here), { recursive: true });
mkdirSync(new URL('out/', here), { recursive: true });

const common = { bundle: true, platform: 'node', target: 'node20', minify: true, keepNames: true, legalComments: 'none', logLevel: 'warning', absWorkingDir: fileURLToPath(here) };

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
// The editor schema lists every rule id with its options, so .nospof.yaml completes and checks them.
writeFileSync(new URL('dist/nospof-config.schema.json', here), `${JSON.stringify(editorSchema(allRules, settingsSchemas), null, 2)}\n`);
// The rule pages ship beside the server, which opens them for "Open documentation" (no network).
cpSync(new URL('../packages/cli/dist/rules/', here), new URL('dist/rules/', here), { recursive: true });
writeFileSync(new URL('dist/icon.png', here), iconPng());
