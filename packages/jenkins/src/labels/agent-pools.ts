import type { Settings } from '@nospof/core';
import { positiveAtoms } from './label-expression.js';
import type { LabelExpression } from './label-expression.js';

/** Label -> number of agents carrying it, from `settings.jenkins.agentPools`. */
export type AgentPools = Readonly<Record<string, number>>;

/** Names of the Jenkins controller's own node (before and after Jenkins 2.307). */
export const builtInNodeNames: readonly string[] = ['master', 'built-in'];

export function agentPoolsFrom(settings: Settings): AgentPools {
  const jenkins = settings['jenkins'];
  if (typeof jenkins !== 'object' || jenkins === null) return {};
  const pools = (jenkins as Record<string, unknown>)['agentPools'];
  if (typeof pools !== 'object' || pools === null) return {};
  const out: Record<string, number> = {};
  for (const [label, size] of Object.entries(pools as Record<string, unknown>)) {
    if (typeof size === 'number' && Number.isFinite(size) && size >= 0) out[label] = size;
  }
  return out;
}

/**
 * The most agents that can match `expression`, or undefined when it cannot be bounded: `a && b` runs
 * only where both labels are (at most the smaller pool); `a || b` at most both pools together; a
 * negation or an unconfigured label may match any number of agents.
 */
export function maxAgents(expression: LabelExpression, pools: AgentPools): number | undefined {
  switch (expression.kind) {
    case 'atom':
      return Object.prototype.hasOwnProperty.call(pools, expression.name) ? pools[expression.name] : undefined;
    case 'and': {
      const left = maxAgents(expression.left, pools);
      const right = maxAgents(expression.right, pools);
      if (left === undefined) return right;
      if (right === undefined) return left;
      return Math.min(left, right);
    }
    case 'or': {
      const left = maxAgents(expression.left, pools);
      const right = maxAgents(expression.right, pools);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    default:
      return undefined;
  }
}

/** True when the expression can select the controller's built-in node. */
export function selectsBuiltInNode(expression: LabelExpression): boolean {
  return positiveAtoms(expression).some((a) => builtInNodeNames.includes(a));
}

const ipv4 = /^(?:\d{1,3}\.){3}\d{1,3}$/;
const fqdn = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){2,}[a-z]{2,24}$/i;

/**
 * Top-level domains a host name ends in: the generic ones and the names private networks use, plus any
 * two-letter country code. Dotted pool labels (`linux.g5.4xlarge.nvidia.gpu`) end in something else.
 * Kept in step with the GitHub Actions rules' runner labels.
 */
const hostDomains = new Set(['com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'info', 'biz', 'io', 'dev', 'app', 'cloud', 'ai', 'tech', 'site', 'online', 'local', 'localdomain', 'internal', 'intranet', 'intra', 'lan', 'corp', 'home', 'private', 'priv', 'test', 'example', 'arpa']);

/** A label that is a host name or address names one machine: every run waits on that one box. */
export function namesOneMachine(label: string): boolean {
  if (ipv4.test(label)) return true;
  if (!fqdn.test(label)) return false;
  const domain = label.slice(label.lastIndexOf('.') + 1).toLowerCase();
  return domain.length === 2 || hostDomains.has(domain);
}
