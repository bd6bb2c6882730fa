import { relative, resolve, sep } from 'node:path';
import { SourceFile, type Language } from '@nospof/core';
import { readSmallTextFile, TextReadError } from './fs/read-text.js';
import { NospofUsageError } from './errors.js';

/** Terraform variables given to a run, as `terraform plan -var-file`/`-var` take them. */
export interface TerraformVariables {
  readonly varFiles?: readonly string[];
  readonly vars?: Readonly<Record<string, string>>;
}

/**
 * `settings.terraform` for the given variables: the files are read here (the engine has no file system)
 * and handed over as text, with the precedence Terraform gives them (later wins). A file that cannot be
 * read or does not parse stops the run with its position: values silently dropped would change findings.
 */
export function terraformSettings(variables: TerraformVariables, cwd: string, terraform: Language | undefined): Record<string, unknown> {
  const files = variables.varFiles ?? [];
  const vars = variables.vars ?? {};
  if (files.length === 0 && Object.keys(vars).length === 0) return {};
  const varFiles = files.map((file) => {
    const absolute = resolve(cwd, file);
    const path = relative(cwd, absolute).split(sep).join('/');
    let text: string;
    try {
      text = readSmallTextFile(absolute, 10 * 1024 * 1024);
    } catch (error) {
      throw new NospofUsageError(`--var-file ${file}: ${error instanceof TextReadError ? error.reason : 'cannot read the file'}`);
    }
    const parsed = terraform?.parse(new SourceFile(/\.json$/.test(path) ? path : path.replace(/(\.tfvars)?$/, '.tfvars'), text));
    const first = parsed?.errors[0];
    if (first) throw new NospofUsageError(`--var-file ${file}:${first.range.start.line}:${first.range.start.column}: ${first.message}`);
    return { path, text };
  });
  return { terraform: { varFiles, vars } };
}
