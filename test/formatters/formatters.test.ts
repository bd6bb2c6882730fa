import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import sax from 'sax';
import { describe, expect, it } from 'vitest';
import type { FileResult } from '@nospof/api';
import { finding, formatContext, range } from '../helpers/format-input.js';
import { sarifErrors } from '../helpers/sarif-schema.js';
import { filterByFramework } from '../../packages/cli/src/formatters/compliance.js';
import { formatters } from '../../packages/cli/src/formatters/index.js';

const web = 'k8s/web.yaml';
const webText = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n';

function run(): FileResult[] {
  return [
    {
      file: web,
      language: 'kubernetes',
      findings: [
        finding({ file: web }),
        finding({ file: web, ruleId: 'kubernetes/require-pdb', severity: 'warning', message: 'Deployment "web" has no PodDisruptionBudget.', range: range(2, 1, 5), compliance: ['ISO27001:A.8.14', 'HIPAA:164.308(a)(7)'] }),
        finding({ file: web, ruleId: 'kubernetes/no-bare-pod', message: 'accepted', range: range(4, 3, 7), suppressed: { source: 'comment', reason: 'dev only' } }),
      ],
    },
    { file: 'main.tf', language: 'terraform', findings: [] },
  ];
}

/** A repository with a subdirectory, so paths relative to the root differ from paths relative to cwd. */
function repository(): { root: string; cwd: string } {
  const root = mkdtempSync(join(tmpdir(), 'nospof-repo-'));
  mkdirSync(join(root, '.git'));
  const cwd = join(root, 'deploy');
  mkdirSync(join(cwd, 'k8s'), { recursive: true });
  return { root, cwd };
}

function format(name: string, results: FileResult[], overrides: Parameters<typeof formatContext>[1] = {}): string {
  return formatters[name]!(results, formatContext(results, { sources: new Map([[web, webText]]), ...overrides }));
}

describe('compact', () => {
  it('writes one line per open finding: file:line:col: severity rule message', () => {
    expect(format('compact', run())).toBe(
      'k8s/web.yaml:6:13: error kubernetes/min-replicas Deployment "web" runs 1 replica(s); at least 2 are needed to survive a node loss.\n' +
        'k8s/web.yaml:2:1: warning kubernetes/require-pdb Deployment "web" has no PodDisruptionBudget.\n',
    );
  });
});

describe('checkstyle', () => {
  it('lists every file with an <error> per open finding, the rule as source', () => {
    const xml = format('checkstyle', run());
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<checkstyle version="4.3">',
        '  <file name="k8s/web.yaml">',
        '    <error line="6" column="13" severity="error" message="Deployment &quot;web&quot; runs 1 replica(s); at least 2 are needed to survive a node loss." source="kubernetes/min-replicas" />',
        '    <error line="2" column="1" severity="warning" message="Deployment &quot;web&quot; has no PodDisruptionBudget." source="kubernetes/require-pdb" />',
        '  </file>',
        '  <file name="main.tf" />',
        '</checkstyle>',
        '',
      ].join('\n'),
    );
    const parser = sax.parser(true);
    parser.onerror = (e: Error) => {
      throw e;
    };
    parser.write(xml).close();
  });
});

describe('gitlab', () => {
  interface Issue {
    description: string;
    check_name: string;
    fingerprint: string;
    severity: string;
    location: { path: string; lines: { begin: number } };
  }
  const parse = (text: string) => JSON.parse(text) as Issue[];

  it('writes Code Quality issues with GitLab severities and paths from the repository root', () => {
    const { cwd } = repository();
    const issues = parse(format('gitlab', run(), { cwd }));
    expect(issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin])).toEqual([
      ['kubernetes/min-replicas', 'major', 'deploy/k8s/web.yaml', 6],
      ['kubernetes/require-pdb', 'minor', 'deploy/k8s/web.yaml', 2],
    ]);
    expect(issues[0]!.description).toContain('runs 1 replica(s)');
  });

  it('a file that could not be checked is critical', () => {
    const results: FileResult[] = [{ file: 'x.yaml', findings: [finding({ file: 'x.yaml', ruleId: 'parse-error', message: 'skipped: the file is binary (it contains NUL bytes)', resource: undefined })] }];
    expect(parse(format('gitlab', results))[0]!.severity).toBe('critical');
  });

  it('fingerprints follow rule, file and resource, not the line, and stay unique', () => {
    const moved = run().map((r) => ({ ...r, findings: r.findings.map((f) => ({ ...f, range: range(f.range.start.line + 5, 1) })) }));
    const before = parse(format('gitlab', run())).map((i) => i.fingerprint);
    expect(parse(format('gitlab', moved)).map((i) => i.fingerprint)).toEqual(before);
    const twice: FileResult[] = [{ file: web, findings: [finding({ file: web }), finding({ file: web, range: range(9, 1) })] }];
    const prints = parse(format('gitlab', twice)).map((i) => i.fingerprint);
    expect(new Set(prints).size).toBe(2);
    const renamed: FileResult[] = [{ file: web, findings: [finding({ file: web, resource: 'Deployment/default/api' })] }];
    expect(parse(format('gitlab', renamed))[0]!.fingerprint).not.toBe(before[0]);
  });
});

describe('sarif', () => {
  interface Log {
    runs: {
      tool: { driver: { informationUri?: string; rules: { id: string; helpUri?: string; help: { text: string; markdown: string }; properties: Record<string, unknown> }[] } };
      automationDetails: { id: string };
      originalUriBaseIds: Record<string, { uri: string }>;
      invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[] }[];
      results: { ruleId: string; partialFingerprints: Record<string, string>; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[];
    }[];
  }
  const parse = (text: string) => JSON.parse(text) as Log;

  it('validates against the SARIF 2.1.0 schema', () => {
    const { cwd } = repository();
    expect(sarifErrors(parse(format('sarif', run(), { cwd, paths: ['k8s'] })))).toEqual([]);
  });

  it('names files relative to the repository root under %SRCROOT%, found by walking up to .git', () => {
    const { root, cwd } = repository();
    const log = parse(format('sarif', run(), { cwd }));
    expect(log.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`${pathToFileURL(root).href}/`);
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: 'deploy/k8s/web.yaml', uriBaseId: '%SRCROOT%' });
  });

  it('falls back to the working directory outside a repository, and encodes names as URI segments', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'nospof-norepo-'));
    const results: FileResult[] = [{ file: 'a dir/w#1?.yaml', findings: [finding({ file: 'a dir/w#1?.yaml' })] }];
    const log = parse(format('sarif', results, { cwd }));
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('a%20dir/w%231%3F.yaml');
    expect(log.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri).toBe(`${pathToFileURL(cwd).href}/`);
  });

  it('a file outside the repository gets an absolute file: URI', () => {
    const { cwd } = repository();
    const results: FileResult[] = [{ file: '../../elsewhere/x.yaml', findings: [finding({ file: '../../elsewhere/x.yaml' })] }];
    const location = parse(format('sarif', results, { cwd })).runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation;
    expect(location.uriBaseId).toBeUndefined();
    expect(location.uri).toMatch(/^file:\/\/\/.*\/elsewhere\/x\.yaml$/);
  });

  it('gives every result a partial fingerprint that survives line moves, with or without a resource', () => {
    const noResource: FileResult[] = [{ file: web, findings: [finding({ file: web, resource: undefined })] }];
    const moved: FileResult[] = [{ file: web, findings: [finding({ file: web, resource: undefined, range: range(40, 2) })] }];
    const a = parse(format('sarif', noResource)).runs[0]!.results[0]!.partialFingerprints;
    expect(a['nospof/v1']).toMatch(/^[0-9a-f]{64}$/);
    expect(parse(format('sarif', moved)).runs[0]!.results[0]!.partialFingerprints).toEqual(a);
    expect(parse(format('sarif', run())).runs[0]!.results.every((r) => r.partialFingerprints['nospof/v1'])).toBe(true);
  });

  it('describes rules with their documentation page, precision and security severity, and links nowhere', () => {
    const text = format('sarif', run());
    expect(text).not.toMatch(/https?:\/\/(?:[a-z.]*\.)?nospof\.dev/);
    expect(text).not.toContain('helpUri');
    const rules = parse(text).runs[0]!.tool.driver.rules;
    const minReplicas = rules.find((r) => r.id === 'kubernetes/min-replicas')!;
    expect(minReplicas.help.markdown).toMatch(/^# kubernetes\/min-replicas\n/);
    expect(minReplicas.help.markdown).toContain('## Why');
    expect(minReplicas.help.markdown).not.toMatch(/^---\nid:|<!-- GENERATED/m);
    expect(minReplicas.help.text).toContain('Why: ');
    expect(minReplicas.properties).toMatchObject({ precision: 'very-high', 'security-severity': '7.5' });
    expect(minReplicas.properties.tags).toEqual(expect.arrayContaining(['security', 'ISO27001:A.8.14']));
    expect(rules.find((r) => r.id === 'kubernetes/require-pdb')!.properties['security-severity']).toBe('5.0');
  });

  it('a rule configured to warning gets the warning score', () => {
    const results: FileResult[] = [{ file: web, findings: [finding({ file: web, severity: 'warning' })] }];
    expect(parse(format('sarif', results)).runs[0]!.tool.driver.rules[0]!.properties['security-severity']).toBe('5.0');
  });

  it('a user policy rule with a path-like id never reads a file as its help', () => {
    const results: FileResult[] = [{ file: web, findings: [finding({ file: web, ruleId: '../../../../../../etc/passwd' })] }];
    const rule = parse(format('sarif', results)).runs[0]!.tool.driver.rules[0]!;
    expect(rule.help.markdown).not.toContain('root:');
    expect(rule.help.markdown).toContain('fix it');
  });

  it('categorises the run by --sarif-category, else by the paths linted', () => {
    const { cwd } = repository();
    expect(parse(format('sarif', run(), { cwd, paths: ['k8s/', 'helm'] })).runs[0]!.automationDetails.id).toBe('nospof/deploy/helm,deploy/k8s/');
    expect(parse(format('sarif', run(), { cwd })).runs[0]!.automationDetails.id).toBe('nospof/./');
    expect(parse(format('sarif', run(), { cwd, sarifCategory: 'infra/prod' })).runs[0]!.automationDetails.id).toBe('nospof/infra/prod/');
  });

  it('lists unreadable files as tool notifications, from the context or from the read problems', () => {
    const unreadable: FileResult[] = [{ file: 'big.yaml', findings: [finding({ file: 'big.yaml', ruleId: 'parse-error', resource: undefined, message: 'skipped: the file is 12.0 MB, over the 10.0 MB limit (--max-file-size)' })] }];
    const derived = parse(format('sarif', [...run(), ...unreadable])).runs[0]!.invocations[0]!;
    expect(derived.executionSuccessful).toBe(true);
    expect(derived.toolExecutionNotifications).toHaveLength(1);
    expect(derived.toolExecutionNotifications[0]).toMatchObject({ level: 'error', message: { text: expect.stringContaining('over the 10.0 MB limit') } });
    expect(derived.toolExecutionNotifications[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('big.yaml');
    const given = parse(format('sarif', run(), { notifications: [{ id: 'unreadable-file', level: 'error', file: 'x.tf', message: 'cannot read the file: EACCES' }] })).runs[0]!.invocations[0]!;
    expect(given.toolExecutionNotifications.map((n) => n.message.text)).toEqual(['cannot read the file: EACCES']);
    expect(parse(format('sarif', run(), { notifications: [] })).runs[0]!.invocations[0]!.toolExecutionNotifications).toEqual([]);
  });

  it('a rule that crashed makes the run unsuccessful', () => {
    const crashed: FileResult[] = [{ file: web, findings: [finding({ file: web, ruleId: 'nospof/internal-error', resource: undefined, message: 'Rule x failed' })] }];
    expect(parse(format('sarif', crashed)).runs[0]!.invocations[0]!.executionSuccessful).toBe(false);
  });
});

describe('github', () => {
  it('annotates paths relative to the repository root, where GitHub looks for them', () => {
    const { cwd } = repository();
    expect(format('github', run(), { cwd }).split('\n')[0]).toBe(
      '::error file=deploy/k8s/web.yaml,line=6,col=13,endColumn=14,endLine=6,title=kubernetes/min-replicas::Deployment "web" runs 1 replica(s); at least 2 are needed to survive a node loss.',
    );
  });
});

describe('markdown', () => {
  it('renders locations as code and messages literally', () => {
    const results: FileResult[] = [{ file: web, findings: [finding({ file: web, message: 'Deployment "*web*" <b>@ops</b>' })] }];
    expect(format('markdown', results)).toContain('| error | `k8s/web.yaml:6:13` | Deployment "\\*web\\*" &lt;b&gt;@&#8203;ops&lt;/b&gt; | `kubernetes/min-replicas` |');
  });

  it('with --compliance, adds the open and suppressed findings per control', () => {
    const out = format('markdown', filterByFramework(run(), 'hipaa'), { compliance: 'hipaa' });
    expect(out).toContain('#### HIPAA Security Rule');
    expect(out).toContain('| 164.308\\(a\\)\\(7\\) | 1 | 0 | Contingency plan |');
  });
});

describe('stylish', () => {
  it('shows a code frame with control characters escaped and the caret under the escaped text', () => {
    const text = 'a: b\nc: d\ne: f\ng: h\ni: j\n  x\u001b[2J: 1\n';
    const results: FileResult[] = [{ file: web, findings: [finding({ file: web, range: range(6, 9, 10) })] }];
    const out = formatters.stylish!(results, formatContext(results, { color: true, sources: new Map([[web, text]]) })).replace(/\u001b\[\d+m/g, '');
    expect(out).toContain('     6 |   x\\x1b[2J: 1\n       |            ^');
  });

  it('with --compliance, ends with the open findings per control of the framework', () => {
    const out = format('stylish', filterByFramework(run(), 'nist800-53'), { compliance: 'nist800-53' });
    expect(out).toContain('NIST SP 800-53 Rev. 5:\n  CP-9      0 open  System backup\n  CP-10     0 open  System recovery and reconstitution\n  SC-36     1 open  Distributed processing and storage\n');
  });
});

describe('--compliance filtering', () => {
  it('keeps findings tagged with the framework, and files that could not be checked', () => {
    const results: FileResult[] = [
      ...run(),
      { file: 'bad.yaml', findings: [finding({ file: 'bad.yaml', ruleId: 'parse-error', compliance: undefined, resource: undefined, message: 'bad' })] },
    ];
    const kept = filterByFramework(results, 'hipaa').flatMap((r) => r.findings.map((f) => f.ruleId));
    expect(kept).toEqual(['kubernetes/require-pdb', 'parse-error']);
  });
});

describe('html', () => {
  it('totals per severity, control and rule, and the findings with their code', () => {
    const page = format('html', run());
    expect(page).toContain('<div class="card error" data-total="error"><span class="n">1</span>errors</div>');
    expect(page).toContain('<div class="card warning" data-total="warning"><span class="n">1</span>warnings</div>');
    expect(page).toContain('data-total="suppressed"><span class="n">1</span>suppressed');
    expect(page).toMatch(/<tr data-control="HIPAA:164\.308\(a\)\(7\)">.*?<td class="num">1<\/td><td class="num">0<\/td>/);
    expect(page).toContain('<tr data-rule="kubernetes/min-replicas"><td><code>kubernetes/min-replicas</code></td><td><span class="sev error">error</span></td><td class="num">1</td>');
    expect(page).toContain('<span class="line hit"><span class="ln">6</span>  replicas: 1</span>');
    expect(page).toContain('Suppressed (comment): dev only');
  });

  it('is one self-contained file: no URL to load, a policy that allows only its own style and script', () => {
    const page = format('html', run());
    expect(page).not.toMatch(/\b(?:src|href)=|https?:\/\/(?!www\.w3\.org)|@import|url\(/);
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; script-src 'sha256-[A-Za-z0-9+/=]+'/);
  });

  it('with --compliance, shows only that framework\'s controls', () => {
    const page = format('html', filterByFramework(run(), 'soc2'), { compliance: 'soc2' });
    expect(page).toContain('<h1>nospof availability report — SOC 2 Trust Services Criteria</h1>');
    expect(page).not.toContain('data-control="ISO27001:A.8.14"');
    expect(page).toContain('data-control="SOC2:A1.2"');
  });

  it('says so when nothing was found', () => {
    expect(format('html', [{ file: 'main.tf', findings: [] }])).toContain('No single points of failure found.');
  });
});

describe('every format', () => {
  it('handles a run with no files', () => {
    for (const [name, formatter] of Object.entries(formatters)) expect(() => formatter([], formatContext([])), name).not.toThrow();
  });
});
