// Writes the JSON Schemas the package ships (policy.schema.json for policy files, policy-input.schema.json
// for the input policies receive) from the objects the code uses. Run after `npm run build`; tests keep
// the shipped files equal to the code.
import { writeFileSync } from 'node:fs';
import { policyInputSchema } from '../dist/input-schema.js';
import { policySchema } from '../dist/yaml/policy-schema.js';

const write = (name, schema) => writeFileSync(new URL(`../${name}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
write('policy.schema.json', policySchema);
write('policy-input.schema.json', policyInputSchema);
