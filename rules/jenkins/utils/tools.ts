import { firstArgument, looseText, namedArgument, scriptOf, stringValue, type Step } from '@nospof/jenkins';
import { commandUses, remoteScriptArguments, toolForJenkinsStep, toolsInScript, type CommandUse, type ToolCatalog, type ToolSignature } from '../../shared/catalog/index.js';

/**
 * The name a step is known by in the catalogs: its own, or for the classic `step([$class: 'Mailer', ...])`
 * form the class it names (`Mailer`, `hudson.tasks.Mailer` -> `Mailer`).
 */
export function catalogStepName(step: Step): string {
  if (step.qualifiedName !== 'step') return step.name;
  const arg = firstArgument(step, 'delegate');
  const holder = arg?.type === 'MapExpression' ? arg.entries : step.namedArgs;
  const value = stringValue(namedArgument(holder, '$class'));
  if (!value.known) return step.name;
  return value.value.slice(value.value.lastIndexOf('.') + 1);
}

/**
 * The script a step runs: a shell step's, or the remote script of `sshCommand remote: r, command: '...'`,
 * read as `sh "ssh host '...'"` is (its commands count, the remote does not).
 */
function stepScript(step: Step): string | undefined {
  const script = scriptOf(step);
  if (script !== undefined) return script;
  const names = remoteScriptArguments(step.name);
  if (!names) return undefined;
  const parts: string[] = [];
  for (const name of names) {
    const text = looseText(namedArgument(step.namedArgs, name));
    if (text !== undefined) parts.push(text);
  }
  return parts.length === 0 ? undefined : parts.join('\n');
}

/** Tools of `catalog` a step runs: by its step name, or by the commands and URLs in its (shell or remote) script. */
export function matchCatalog(step: Step, catalog: ToolCatalog): ToolSignature[] {
  if (step.member) return [];
  const byStep = toolForJenkinsStep(catalog, catalogStepName(step));
  if (byStep) return [byStep];
  const script = stepScript(step);
  return script === undefined ? [] : toolsInScript(catalog, script);
}

/** The commands of `catalog` a step's (shell or remote) script runs, each with its catalog label (`helm upgrade`). */
export function catalogCommandUses(step: Step, catalog: ToolCatalog): CommandUse[] {
  if (step.member) return [];
  const script = stepScript(step);
  return script === undefined ? [] : commandUses(catalog, script);
}
