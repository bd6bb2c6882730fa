import { describe, expect, it } from 'vitest';
import { expectLinear, repeated } from '../../test-support/linear.js';
import { deployTools } from './deploy-tools.js';
import { localTargets } from './local-targets.js';
import { commandUses, prepareScript, toolForAction, toolForImage, toolsInScript } from './match.js';
import { notificationChannels } from './notification-channels.js';
import { securityScanners } from './scanners.js';
import { shellCommands } from './shell.js';

const catalogs = { securityScanners, notificationChannels, deployTools, localTargets };

/** Scripts shaped to defeat a backtracking matcher: one long line of near-matches, unclosed quotes and braces. */
const hostileScripts: Readonly<Record<string, string>> = {
  // The webhook is named on another line: a backtracking `curl[^\n]*SLACK_WEBHOOK` scans to the end of the line
  // from every `curl`, which took 11 s for 200 KB (and grows with the square of the size).
  'curl without a webhook on one line': repeated('curl -X POST ', '\necho "$SLACK_WEBHOOK_URL"'),
  'curl lines that never name the webhook': repeated('curl -d x https://example.com\n'),
  'docker run without an image': repeated('docker run --rm -v a:b ', '\n# aquasec/trivy semgrep/semgrep'),
  'docker run lines': repeated('docker run --rm aquasec/trivy:1 fs .\n'),
  'unclosed ${ openings': repeated('${'),
  'unclosed ${{ openings': repeated('echo ${{ '),
  'unclosed $(( openings': repeated('$(('),
  'command substitutions': repeated('$('),
  'a lone double quote': `"${repeated('kubectl apply ')}`,
  'a lone single quote': `'${repeated('helm upgrade ')}`,
  backslashes: repeated('\\'),
  'escaped quotes inside quotes': `"${repeated('\\"')}`,
  redirections: repeated('2>&1 >'),
  'heredoc-like openings': repeated('<<EOF '),
  'comment markers': repeated('# kubectl apply\n'),
  'wrapper chains': repeated('sudo env A=1 npx '),
  'secret injectors without --': repeated('doppler run '),
  'go run without a package': repeated('go run '),
  'nested shells': repeated('bash -c "sh -c \'eval '),
  'eval chains': repeated('eval '),
  'flags between sub-commands': `kubectl ${repeated('-n prod ')}apply`,
  'deploy commands on every line': repeated('aws s3 cp ./site s3://bucket --recursive\n'),
  'image pushes on every line': repeated('docker push ghcr.io/acme/app:1.2.3\n'),
  'one huge word': repeated('a'),
  'many short words': repeated('a b '),
  'separators only': repeated(';&|()`\n'),
  'function definitions': repeated('f() { govulncheck ./...; }\n'),
  'url prefixes without the host': repeated('https://hooks.slack.co'),
};

describe('catalog matchers stay linear on hostile scripts', () => {
  for (const [name, script] of Object.entries(hostileScripts)) {
    it(name, () => {
      expectLinear(`shellCommands (${name})`, () => shellCommands(script));
      const prepared = expectLinear(`prepareScript and resolvedCommands (${name})`, () => {
        const p = prepareScript(script);
        p.commands();
        return p;
      });
      for (const [catalogName, catalog] of Object.entries(catalogs)) {
        expectLinear(`toolsInScript ${catalogName} (${name})`, () => toolsInScript(catalog, prepared));
        expectLinear(`commandUses ${catalogName} (${name}, release)`, () => commandUses(catalog, prepared, { release: true }));
      }
    });
  }

  it('still finds what is there at the end of a hostile script', () => {
    const script = repeated('curl -X POST ', ' "$SLACK_WEBHOOK_URL"');
    expect(expectLinear('webhook at the end', () => toolsInScript(notificationChannels, script)).map((t) => t.name)).toEqual(['slack']);
  });

  it('keeps action and image lookups bounded on absurd names', () => {
    const path = repeated('a/');
    expectLinear('toolForAction on a long path', () => toolForAction(securityScanners, `${path}@v1`));
    expectLinear('toolForAction with inputs on a long path', () => toolForAction(deployTools, path, () => repeated('x '), { release: true }));
    expectLinear('toolForImage on a long reference', () => toolForImage(securityScanners, repeated('a:/')));
  });
});
