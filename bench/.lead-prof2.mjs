import { corpus } from './kubernetes.mjs';
import { Linter } from '../packages/core/dist/index.js';
import { kubernetesLanguage } from '../packages/kubernetes/dist/index.js';
const files = corpus();
const none = { rules: new Map(), disabled: new Set(), settings: {} };
for (let i = 0; i < 4; i++) { const t = performance.now(); new Linter([kubernetesLanguage], []).lint({ files, configFor: () => none }); console.log(performance.now() - t); }
