import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolvedCommands } from './commands.js';
import { deployTools } from './deploy-tools.js';
import { commandUses, prepareScript, toolsInScript } from './match.js';
import { notificationChannels } from './notification-channels.js';
import { securityScanners } from './scanners.js';
import { shellCommands } from './shell.js';

const runs = Number(process.env.NOSPOF_FUZZ_RUNS ?? 300);

const executable = fc.constantFrom('kubectl', 'helm', 'terraform', 'trivy', 'semgrep', 'make', 'npm', 'curl', 'aws', 'gitleaks');
const argument = fc.constantFrom('apply', 'upgrade', '-f', 'k8s/', '--wait', 'fs', '.', 'test', 'ci', 'x=1', '"quoted arg"', "'single'", '${{ matrix.region }}', '$VAR');
const wrapper = fc.constantFrom('', 'sudo ', 'sudo -E ', 'env A=1 ', 'npx --yes ', 'timeout 10m ', 'FOO=bar ', 'time ', 'command ', 'doppler run -- ');
const separator = fc.constantFrom('; ', ' && ', ' || ', ' | ', '\n', ' &\n', '\nif ', '; then ', '; do ', '\n} ', ' `', '$(');

const command = fc.record({ wrapper, executable, args: fc.array(argument, { maxLength: 5 }) });

describe('shell commands (property)', () => {
  it('find every command of a script, whatever separates them and wraps them', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 8 }), fc.array(separator, { minLength: 8, maxLength: 8 }), (commands, separators) => {
        const script = commands.map((c, i) => `${i === 0 ? '' : separators[i - 1]}${c.wrapper}${c.executable} ${c.args.join(' ')}`).join('');
        expect(resolvedCommands(script).map((r) => r.executable)).toEqual(commands.map((c) => c.executable));
      }),
      { numRuns: runs, seed: 20261207 },
    );
  });

  it('never throw, and point inside the script, on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: fc.constantFrom(...'ab $(){}[]`"\'\\;&|<>#=-\n\t:/.@'.split('')) }), (script) => {
        for (const c of shellCommands(script)) {
          expect(c.start).toBeGreaterThanOrEqual(0);
          expect(c.start).toBeLessThan(script.length);
        }
        const prepared = prepareScript(script);
        for (const catalog of [securityScanners, notificationChannels, deployTools]) {
          toolsInScript(catalog, prepared);
          commandUses(catalog, prepared, { release: true });
        }
      }),
      { numRuns: runs, seed: 20261208 },
    );
  });
});
