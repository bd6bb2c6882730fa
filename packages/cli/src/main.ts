import { allRules, asConfigError, NospofUsageError, formatKeyPath, formatPolicyProblem, PolicyLoadError, version, type ConfigProblem } from '@nospof/api';
import { HELP, parseCommand, UsageError } from './args.js';
import { guardLines } from './formatters/escape.js';
import { complianceTable, explainRule, rulesTable, writeInitialConfig } from './info-commands.js';
import { runLint, type Io } from './lint-command.js';
import { configuredRules, runInput, runTestPolicies } from './policy-commands.js';
import { runMerge } from './merge-command.js';
import { terminalText } from './terminal-text.js';

function processIo(): Io {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    // Messages on stderr may quote paths and keys from the scanned repository: no line of them may
    // read as a CI log command.
    stderr: (text) => process.stderr.write(guardLines(text)),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
  };
}

/** Runs the command line and returns the exit code: 0 clean, 1 findings, 2 usage or configuration error. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  try {
    const command = parseCommand(argv);
    switch (command.kind) {
      case 'help':
        io.stdout(HELP);
        return 0;
      case 'version':
        io.stdout(`${version}\n`);
        return 0;
      case 'rules': {
        const configured = await configuredRules(command.source, io);
        io.stdout(command.compliance ? complianceTable([...allRules, ...configured], command.compliance, command.format) : rulesTable(allRules, command.format, configured));
        return 0;
      }
      case 'input':
        return await runInput(command.path, command.unit, command.source, io);
      case 'test-policies':
        return await runTestPolicies(command.files, command.source, io);
      case 'explain':
        // A rule of the configuration's policies or plugins is explained from its metadata.
        io.stdout(explainRule(allRules.some((r) => r.meta.id === command.rule) ? allRules : [...allRules, ...(await configuredRules({ config: undefined, plugins: true }, io))], command.rule));
        return 0;
      case 'init':
        io.stdout(`wrote ${writeInitialConfig(io.cwd, command.preset, command.force)}\n`);
        return 0;
      case 'lsp': {
        // Loaded only for this command: linting a file must not pay for the server's start-up.
        const { startServer } = await import('@nospof/language-server');
        startServer();
        return await new Promise<number>(() => undefined);
      }
      case 'lint':
        return await runLint(command.options, io);
      case 'merge':
        return runMerge(command.options, io);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof NospofUsageError) {
      io.stderr(`nospof: ${terminalText(error.message)}\nRun \`nospof --help\` for usage.\n`);
      return 2;
    }
    if (error instanceof PolicyLoadError) {
      io.stderr(`nospof: invalid policy\n${error.problems.map((p) => `  ${terminalText(formatPolicyProblem(p))}`).join('\n')}\n`);
      return 2;
    }
    const configError = asConfigError(error);
    if (configError) {
      io.stderr(`nospof: invalid configuration\n${configError.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
      return 2;
    }
    throw error;
  }
}

function formatProblem(p: ConfigProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  const key = p.path.length === 0 ? '' : `${formatKeyPath(p.path)}: `;
  return terminalText(`${where}: ${key}${p.message}`);
}
