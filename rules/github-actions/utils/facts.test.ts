import { describe, expect, it } from 'vitest';
import { SourceFile, type ParsedFile } from '@nospof/core';
import { githubActionsLanguage, type GithubActionsRoot } from '@nospof/github-actions';
import { githubActionsFacts } from './facts.js';

function parsed(path: string, text: string): ParsedFile<GithubActionsRoot> {
  const source = new SourceFile(path, text);
  return { ...githubActionsLanguage.parse(source), source, language: githubActionsLanguage.id };
}

describe('githubActionsFacts', () => {
  it('contributes scanners and failure channels as repository facts', () => {
    const file = parsed(
      '.github/workflows/ci.yml',
      [
        'on: push',
        'jobs:',
        '  scan:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: github/codeql-action/analyze@v3',
        '      - run: |',
        '          npm ci',
        '          npx --yes snyk test',
        '      - uses: docker://aquasec/trivy:0.50.0',
        '      - if: failure()',
        '        uses: 8398a7/action-slack@v3',
        '      - run: echo "we should run semgrep one day"',
      ].join('\n'),
    );
    const facts = githubActionsFacts(file);
    expect(facts.map((f) => [f.kind, f.name, f.onFailure])).toEqual([
      ['security-scanner', 'codeql', undefined],
      ['security-scanner', 'snyk', undefined],
      ['security-scanner', 'trivy', undefined],
      ['notification-channel', 'slack', true],
    ]);
  });
});
