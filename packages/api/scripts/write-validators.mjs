// Writes src/validators.generated.ts from the registry's settings schemas and the built-in rules' option
// schemas. Run after `npm run build` whenever one of them changes (a test fails until it is).
import { writeFileSync } from 'node:fs';
import { allRules, settingsSchemas } from '../dist/registry.js';
import { builtinValidatorsSource } from './validators-source.mjs';

writeFileSync(new URL('../src/validators.generated.ts', import.meta.url), builtinValidatorsSource(settingsSchemas, allRules));
