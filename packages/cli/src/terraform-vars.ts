import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { UsageError, type LintOptions } from './args.js';

/**
 * `--var-file` and `--var` become `settings.terraform`: the files are read here (the engine has no file
 * system) and handed over as text, with the same precedence Terraform gives them (later wins).
 */
export function terraformSettings(options: LintOptions, cwd: string): Record<string, unknown> {
  if (options.varFiles.length === 0 && options.vars.length === 0) return {};
  const varFiles = options.varFiles.map((file) => {
    const absolute = resolve(cwd, file);
    try {
      return { path: relative(cwd, absolute).split(sep).join('/'), text: readFileSync(absolute, 'utf8') };
    } catch (error) {
      throw new UsageError(`--var-file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'cannot read the file'}`);
    }
  });
  const vars: Record<string, string> = {};
  for (const assignment of options.vars) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var '${assignment}': expected name=value`);
    vars[assignment.slice(0, eq).trim()] = assignment.slice(eq + 1);
  }
  return { terraform: { varFiles, vars } };
}
