// Writes packages/policy/capabilities.json (for `opa build --capabilities`) from the OPA SDK's own list:
// the builtins compiled into every wasm module, plus those the host implements (src/rego/builtins.ts).
// Run after `npm run build` whenever the SDK or the host's builtins change; a test keeps the file honest.
import { writeFileSync } from 'node:fs';
import { capabilitiesFor } from '../dist/rego/capabilities.js';

writeFileSync(new URL('../capabilities.json', import.meta.url), `${JSON.stringify(capabilitiesFor(), null, 2)}\n`);
