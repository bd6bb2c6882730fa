import { main } from 'nospof';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured output, as a user's shell would see it (no TTY). */
export async function runCli(
  args: readonly string[],
  cwd: string,
  stdin = '',
  terminal: { isTTY?: boolean; env?: Record<string, string> } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd,
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readStdin: async () => new TextEncoder().encode(stdin),
    isTTY: terminal.isTTY ?? false,
    env: terminal.env ?? {},
  });
  return { code, stdout, stderr };
}
