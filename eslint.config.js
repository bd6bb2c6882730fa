import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of DESIGN.md, checked on every import: hosts over the Node API, the API over rules and
 * languages, languages over core, core over nothing of ours. `allowed` lists the workspace packages a
 * layer may import; every other `@nospof/*` package (and the CLI package `nospof`) is refused.
 */
const workspacePackages = [
  '@nospof/core',
  '@nospof/yaml',
  '@nospof/kubernetes',
  '@nospof/terraform',
  '@nospof/github-actions',
  '@nospof/jenkins',
  '@nospof/alerting',
  '@nospof/haproxy',
  '@nospof/rules',
  '@nospof/policy',
  '@nospof/api',
  '@nospof/language-server',
  'nospof',
];
const languagePackages = ['kubernetes', 'terraform', 'github-actions', 'jenkins', 'alerting', 'haproxy'];

function layer(files, allowed, why) {
  const refused = workspacePackages.filter((p) => !allowed.includes(p));
  return {
    files,
    ignores: ['**/*.test.ts', '**/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: refused.map((name) => ({ name, message: why })),
          patterns: [{ group: refused.map((name) => `${name}/*`), message: why }],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['**/dist/**', '**/*.generated.ts', '**/node_modules/**', 'fixtures/**', 'examples/**', 'coverage/**', '**/*.d.ts', 'vscode-extension/out/**', 'test/terraform-parser/corpus/**', 'bench/.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', performance: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.test.ts', 'test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  layer(['packages/core/src/**'], [], 'core is the engine: it imports no nospof package and names no language'),
  layer(['packages/yaml/src/**'], ['@nospof/core'], 'the YAML reader builds on core alone'),
  layer(
    languagePackages.map((name) => `packages/${name}/src/**`),
    ['@nospof/core', '@nospof/yaml'],
    'a language package imports only core and the YAML reader, never another language, rules or a host',
  ),
  layer(['rules/**'], ['@nospof/core', '@nospof/yaml', ...languagePackages.map((name) => `@nospof/${name}`)], 'rules see core and the languages, never the API or a host'),
  layer(['packages/policy/src/**'], ['@nospof/core'], 'policies build on core; the API hands them their input'),
  layer(['packages/api/src/**'], ['@nospof/core', '@nospof/yaml', '@nospof/rules', '@nospof/policy', ...languagePackages.map((name) => `@nospof/${name}`)], 'the API knows no host'),
  layer(['packages/cli/src/**'], ['@nospof/api', '@nospof/language-server'], 'the CLI is a host over @nospof/api (it starts the server package for `nospof lsp`)'),
  layer(['packages/language-server/src/**'], ['@nospof/api'], 'the language server is a host over @nospof/api, never over the CLI'),
  layer(['vscode-extension/src/**'], ['@nospof/language-server'], 'the extension is a client: it only bundles the server'),
);
