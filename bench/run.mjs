// `npm run bench`: every benchmark part that exists, each printing its ratio against a baseline that is
// measured in the same run on the same input.
import { existsSync } from 'node:fs';

const parts = ['kubernetes', 'hcl-parser', 'terraform', 'github-actions', 'jenkins', 'lsp'];

for (const part of parts) {
  const url = new URL(`./${part}.mjs`, import.meta.url);
  if (!existsSync(url)) continue;
  const module = await import(url.href);
  const result = await module.run();
  console.log(module.report ? module.report(result) : `${part}: ${JSON.stringify(result, null, 2)}`);
  console.log('');
}
