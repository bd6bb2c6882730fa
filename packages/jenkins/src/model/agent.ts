import type { Value } from '@nospof/core';
import type * as G from '../groovy/ast.js';
import { directiveCalls, findDirective } from './calls.js';
import { setParent } from './parent.js';
import { booleanValue, firstArgument, namedArgument, stringValue } from './values.js';
import type { Agent, AgentKind, ModelNode } from './types.js';

/**
 * Pods built for the run are lost with the node they land on. A `docker` or `dockerfile` agent runs its
 * container on an ordinary labelled agent, so it is ephemeral only when that label is.
 */
const ephemeralKinds: ReadonlySet<AgentKind> = new Set(['kubernetes']);

/** `agent any`, `agent none`, `agent { label '...' }`, `agent { node { } }`, docker, dockerfile, kubernetes. */
export function buildAgent(call: G.MethodCall, parent: ModelNode): Agent {
  let kind: AgentKind = 'other';
  let keyword = '';
  let labelSource: G.Expression | undefined;
  let customWorkspace: Value<string> | undefined;
  let image: Value<string> | undefined;
  const arg = call.args[0];
  if (arg?.type === 'Identifier' && (arg.name === 'any' || arg.name === 'none')) {
    kind = arg.name;
    keyword = arg.name;
  } else if (call.namedArgs.length > 0) {
    // the old map form: agent label: 'x'
    kind = 'label';
    keyword = 'label';
    labelSource = namedArgument(call.namedArgs, 'label');
  } else {
    const inner = directiveCalls(call.closure?.body)[0];
    if (inner) {
      keyword = inner.name;
      const settings = settingsOf(inner);
      switch (inner.name) {
        case 'any':
        case 'none':
          kind = inner.name;
          break;
        case 'label':
          kind = 'label';
          labelSource = firstArgument(inner, 'label');
          customWorkspace = optionalString(namedArgument(inner.namedArgs, 'customWorkspace'));
          break;
        case 'node':
          kind = 'node';
          labelSource = settings('label') ?? inner.args[0];
          customWorkspace = optionalString(settings('customWorkspace'));
          break;
        case 'docker':
          kind = 'docker';
          image = optionalString(settings('image') ?? inner.args[0]);
          labelSource = settings('label');
          customWorkspace = optionalString(settings('customWorkspace'));
          break;
        case 'dockerfile':
          kind = booleanValue(inner.args[0]) === false ? 'other' : 'dockerfile';
          labelSource = settings('label');
          customWorkspace = optionalString(settings('customWorkspace'));
          break;
        case 'kubernetes':
          kind = 'kubernetes';
          labelSource = settings('label');
          break;
        default:
          kind = 'other';
          labelSource = settings('label');
          break;
      }
    }
  }
  const agent: Agent = {
    type: 'Agent',
    kind,
    keyword,
    label: optionalString(labelSource),
    labelSource,
    customWorkspace,
    image,
    ephemeral: ephemeralKinds.has(kind),
    call,
    range: call.range,
  };
  return setParent(agent, parent);
}

function optionalString(e: G.Expression | undefined): Value<string> | undefined {
  return e === undefined ? undefined : stringValue(e);
}

/** Reads a setting written as `key 'v'` inside the block, or as `key: 'v'` in the call's map. */
function settingsOf(call: G.MethodCall): (key: string) => G.Expression | undefined {
  return (key) => namedArgument(call.namedArgs, key) ?? findDirective(call.closure?.body, key)?.args[0];
}
