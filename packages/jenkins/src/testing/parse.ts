import { SourceFile } from '@nospof/core';
import { parseGroovy } from '../groovy/parser.js';
import type { GroovyParseResult } from '../groovy/parser.js';
import { parseJenkinsfile } from '../language.js';
import type { JenkinsFile } from '../model/types.js';

/** Test helpers: parse text as a Jenkinsfile. */
export function groovyOf(text: string): GroovyParseResult {
  return parseGroovy(new SourceFile('Jenkinsfile', text));
}

export function modelOf(text: string): JenkinsFile {
  const result = parseJenkinsfile(new SourceFile('Jenkinsfile', text));
  if (!result.root) throw new Error('no model');
  if (result.errors.length > 0) throw new Error(`parse errors: ${result.errors.map((e) => `${e.range.start.line}:${e.range.start.column} ${e.message}`).join('; ')}`);
  return result.root;
}
