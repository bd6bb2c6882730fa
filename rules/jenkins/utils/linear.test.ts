import { describe, expect, it } from 'vitest';
import { SourceFile } from '@nospof/core';
import { allSteps, jenkinsLanguage } from '@nospof/jenkins';
import type { JenkinsFile, Step } from '@nospof/jenkins';
import { deployTools, notificationChannels, securityScanners } from '../../shared/catalog/index.js';
import { globMatch, labelMatches } from './glob.js';
import { countChannels } from './notifications.js';
import { matchCatalog } from './tools.js';
import { Flow } from '@nospof/jenkins';

/**
 * The rules' own text matching, and the shared catalogs they run on Jenkins scripts, on inputs built to
 * make backtracking quadratic: at these sizes quadratic work takes minutes, linear work milliseconds.
 */
const n = 200_000;
const limit = 60_000;

function shellStep(script: string): Step {
  const text = `sh '''${script.replace(/'''/g, '')}'''\n`;
  const parsed = jenkinsLanguage.parse(new SourceFile('Jenkinsfile', text));
  const step = allSteps(parsed.root as JenkinsFile)[0];
  if (!step) throw new Error('no step');
  return step;
}

describe('rule text matching is linear on adversarial input', () => {
  it('matches label patterns without backtracking', { timeout: limit }, () => {
    expect(globMatch('*a*a*a*a*a*a*a*b', 'a'.repeat(n))).toBe(false);
    expect(globMatch('*spot*', `${'x'.repeat(n)}spot`)).toBe(true);
    expect(labelMatches('spot', `${'a-'.repeat(n / 2)}nonspot`)).toBe(false);
    expect(labelMatches('*-*-*-*-*-z', '-'.repeat(n))).toBe(false);
  });

  it('runs the notification, scanner and deploy catalogs on hostile scripts', { timeout: limit }, () => {
    const scripts = [
      '/a'.repeat(n / 2),
      'sudo '.repeat(n / 5),
      `env ${'a=b '.repeat(n / 4)}`,
      `kubectl ${'-x '.repeat(n / 3)}`,
      ';'.repeat(n),
      `docker run ${' '.repeat(n)}`,
      `curl ${'x'.repeat(n)} SLACK_WEBHOOK`.replace(/x/g, ' x'),
      `${'curl '.repeat(n / 5)}\n`,
      '$('.repeat(n / 2),
      `npx ${'-'.repeat(n)}`,
      'a'.repeat(n),
    ];
    for (const script of scripts) {
      const step = shellStep(script);
      for (const catalog of [notificationChannels, securityScanners, deployTools]) expect(Array.isArray(matchCatalog(step, catalog))).toBe(true);
    }
  });

  it('counts channels of a script that may alert', { timeout: limit }, () => {
    const text = `node { try { sh 'make' } catch (e) { sh '''${'notif'.repeat(n / 5)}''' } }\n`;
    const root = jenkinsLanguage.parse(new SourceFile('Jenkinsfile', text)).root as JenkinsFile;
    const runs = new Flow(undefined, 'Jenkinsfile', root).runsOf(root.steps);
    expect(countChannels(runs).unknown).toBe(true);
  });
});
