// Makes packages/cli (the `nospof` package) self-contained, after `tsc -b`:
// - dist/bundle/: the CLI, the Node API and the language server bundled with every dependency (the
//   server in its own chunk, loaded only by `nospof lsp`), so `npm install nospof` needs nothing else
//   and one file loads at start-up, which a pre-commit hook pays on every commit;
// - dist/rules/: the rule pages `nospof explain` and the editor open;
// - dist/types/: the declarations of every workspace package the API exposes, with `@nospof/*`
//   specifiers rewritten to relative paths, so `import { Nospof } from 'nospof'` is typed.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = fileURLToPath(new URL('..', import.meta.url));
const cli = join(repo, 'packages/cli');
const dist = join(cli, 'dist');

for (const dir of ['bundle', 'rules', 'types']) rmSync(join(dist, dir), { recursive: true, force: true });

await build({
  entryPoints: { index: join(dist, 'index.js') },
  outdir: join(dist, 'bundle'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  // Bundled CommonJS dependencies (yaml, ignore, vscode-languageserver) call require(); give them one.
  banner: { js: "import { createRequire as __nospofCreateRequire } from 'node:module'; const require = __nospofCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

copyRulePages(join(dist, 'rules'));
copyDeclarations();

/** Every `rules/<language>/<name>.md` page, for the bundle's `ruleDocFile`. */
export function copyRulePages(target) {
  const rules = join(repo, 'rules');
  for (const language of readdirSync(rules)) {
    const dir = join(rules, language);
    if (!statSync(dir).isDirectory() || ['dist', 'node_modules', 'shared', 'test-support'].includes(language)) continue;
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.md')) continue;
      mkdirSync(join(target, language), { recursive: true });
      copyFileSync(join(dir, name), join(target, language, name));
    }
  }
}

/** The packages whose declarations the public API reaches, by their directory. */
function declarationPackages() {
  const packages = { rules: join(repo, 'rules') };
  for (const name of readdirSync(join(repo, 'packages'))) {
    if (['language-server'].includes(name)) continue;
    if (existsSync(join(repo, 'packages', name, 'tsconfig.json'))) packages[name] = join(repo, 'packages', name);
  }
  return packages;
}

function copyDeclarations() {
  const packages = declarationPackages();
  const out = join(dist, 'types');
  for (const [name, dir] of Object.entries(packages)) {
    const sourceRoot = name === 'rules' ? dir : join(dir, 'src');
    const built = join(dir, 'dist');
    for (const source of sources(sourceRoot)) {
      const rel = relative(sourceRoot, source).replace(/\.ts$/, '.d.ts');
      const declaration = join(built, rel);
      if (!existsSync(declaration)) continue;
      const target = join(out, name, rel);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, rewriteSpecifiers(readFileSync(declaration, 'utf8'), target, out));
    }
  }
}

/** Source files a package builds (tests and test support are never built). */
function sources(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['dist', 'node_modules', 'test-support', 'fixtures'].includes(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sources(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

function rewriteSpecifiers(text, file, out) {
  return text.replace(/(from\s+|import\(\s*)(['"])(@nospof\/[a-z-]+|nospof)(\/testing)?\2/g, (_, lead, quote, pkg, sub) => {
    const name = pkg === 'nospof' ? 'cli' : pkg.slice('@nospof/'.length);
    const index = sub ? join(out, name, 'testing/index.js') : join(out, name, 'index.js');
    let rel = relative(dirname(file), index).split('\\').join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return `${lead}${quote}${rel}${quote}`;
  });
}
