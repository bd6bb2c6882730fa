import { corpus } from './kubernetes.mjs';
import { Config } from '../packages/core/dist/index.js';
import { allRules, createLinter } from '../packages/cli/dist/index.js';
const files = corpus();
const config = Config.build({ extends: 'nospof:strict' }, undefined, '', allRules, () => {});
const resolved = config.resolve('k8s/x.yaml');
for (let i = 0; i < 2; i++) { const t = performance.now(); createLinter().lint({ files, configFor: () => resolved }); console.log(performance.now() - t); }
