// Writes src/config/config-validator.generated.ts from the configuration schema. Run after `npm run build`
// whenever src/config/schema.ts changes (a test fails until it is).
import { writeFileSync } from 'node:fs';
import { configSchema } from '../dist/config/schema.js';
import { configValidatorSource } from './config-validator-source.mjs';

writeFileSync(new URL('../src/config/config-validator.generated.ts', import.meta.url), configValidatorSource(configSchema));
