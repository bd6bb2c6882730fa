#!/usr/bin/env node
// The bundled build starts faster; the plain build is the fallback when only `tsc -b` has run.
import { existsSync } from 'node:fs';

// A reader that goes away early (`nospof . | head`) is not an error of the run: the report is
// dropped, the exit code still says what was found.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
});

const bundle = new URL('../dist/bundle/index.mjs', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/main.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`nospof: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
