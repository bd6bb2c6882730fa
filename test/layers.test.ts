import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('layers (DESIGN.md) are enforced by lint', () => {
  const eslint = new ESLint({ cwd: root });
  const crossing: [string, string][] = [
    ['packages/core/src/x.ts', "import { kubernetesLanguage } from '@nospof/kubernetes';"],
    ['packages/kubernetes/src/x.ts', "import { terraformLanguage } from '@nospof/terraform';"],
    ['packages/kubernetes/src/x.ts', "import { builtinRules } from '@nospof/rules';"],
    ['rules/kubernetes/x.ts', "import { Nospof } from '@nospof/api';"],
    ['packages/api/src/x.ts', "import { startServer } from '@nospof/language-server';"],
    ['packages/language-server/src/x.ts', "import { main } from 'nospof';"],
    ['packages/cli/src/x.ts', "import { Linter } from '@nospof/core';"],
  ];
  it.each(crossing)('%s may not say %s', async (file, code) => {
    const [result] = await eslint.lintText(`${code}\nvoid 0;\n`, { filePath: join(root, file) });
    expect(result?.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });

  it.each([
    ['packages/kubernetes/src/x.ts', "import { known } from '@nospof/core';"],
    ['packages/language-server/src/x.ts', "import { Nospof } from '@nospof/api';"],
    ['packages/cli/src/x.ts', "import { startServer } from '@nospof/language-server';"],
  ])('%s may say %s', async (file, code) => {
    const [result] = await eslint.lintText(`${code}\nvoid 0;\n`, { filePath: join(root, file) });
    expect(result?.messages.map((m) => m.ruleId)).not.toContain('no-restricted-imports');
  });
});

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const packageDirs = [...readdirSync(join(root, 'packages')).map((d) => join('packages', d)), 'rules', 'vscode-extension'].filter((d) => {
  try {
    return statSync(join(root, d, 'package.json')).isFile();
  } catch {
    return false;
  }
});

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'out') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Module specifiers a file imports (static, dynamic and re-exports), without comments. */
function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(/(?:^|[\s;])(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)].map(
    (m) => (m[1] ?? m[2] ?? m[3]) as string,
  );
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

describe('every import is a declared dependency of the importing package', () => {
  const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
  for (const dir of packageDirs) {
    it(dir, () => {
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as Manifest;
      // Packages that ship as one bundle (the nospof CLI, the VS Code extension) build their dependencies in.
      const bundled = dir === 'packages/cli' || dir === 'vscode-extension';
      const declared = new Set([
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.peerDependencies ?? {}),
        ...(bundled ? Object.keys(manifest.devDependencies ?? {}) : []),
        manifest.name,
      ]);
      const devDeclared = new Set([...declared, ...Object.keys(manifest.devDependencies ?? {}), ...Object.keys(rootManifest.devDependencies ?? {})]);
      const problems: string[] = [];
      for (const file of sourceFiles(join(root, dir))) {
        const isDev = /\.test\.ts$|[\\/]test-support[\\/]|[\\/]build\.mjs$/.test(file) || file.startsWith(join(root, dir, 'test'));
        for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
          if (specifier.startsWith('node:') || specifier === 'vscode') continue;
          if (specifier.startsWith('.')) {
            const target = resolve(dirname(file), specifier);
            const rel = relative(join(root, dir), target);
            if (rel.startsWith('..')) problems.push(`${relative(root, file)} reaches outside its package: ${specifier}`);
            continue;
          }
          const name = packageName(specifier);
          if (!(isDev ? devDeclared : declared).has(name)) problems.push(`${relative(root, file).split(sep).join('/')} imports undeclared "${name}"`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
