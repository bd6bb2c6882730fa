import { corpus } from './github-actions.mjs';
import { SourceFile } from '../packages/core/dist/index.js';
import { githubActionsLanguage } from '../packages/github-actions/dist/index.js';
import v8 from 'node:v8';
const files = corpus();
globalThis.keep = files.map(f => githubActionsLanguage.parse(new SourceFile(f.path, f.text)));
v8.writeHeapSnapshot('/tmp/h.heapsnapshot');
