import { readFileSync } from 'node:fs';
import wabtInit from 'wabt';

export interface ModuleOptions {
  /** OPA wasm ABI minor version: 1 evaluates through eval contexts, 2 through `opa_eval`. */
  readonly minor?: 1 | 2;
  /** OPA wasm ABI major version; the SDK supports only 1. */
  readonly major?: number;
  /** What the `builtins` export reports (name -> id): builtins the module calls on the host. */
  readonly builtins?: Record<string, number>;
  readonly entrypoints?: Record<string, number>;
  /** Return this result set (JSON text) from every entrypoint instead of evaluating the policy. */
  readonly constant?: string;
  /** Abort evaluation with this message, as a compiled policy does on a runtime error. */
  readonly abort?: string;
}

const template = readFileSync(new URL('./policy.wat', import.meta.url), 'utf8');
let wabt: Awaited<ReturnType<typeof wabtInit>> | undefined;

/** Compiles the hand-written OPA-ABI module (policy.wat) to wasm, filling its placeholders. */
export async function opaModule(options: ModuleOptions = {}): Promise<Uint8Array> {
  const strings: Record<string, string> = {
    builtins: `${JSON.stringify(options.builtins ?? {})}\0`,
    entrypoints: `${JSON.stringify(options.entrypoints ?? { 'nospof/deny': 0, 'nospof/warn': 1 })}\0`,
    oom: 'out of memory\0',
    abort: `${options.abort ?? ''}\0`,
    constant: `${options.constant ?? ''}\0`,
    k_min: 'min',
    k_resources: 'resources',
    k_type: 'type',
    k_attributes: 'attributes',
    k_spec: 'spec',
    k_replicas: 'replicas',
    k_id: 'id',
    s_Deployment: 'Deployment',
    s_open: '[{"result":[',
    s_close: ']}]\0',
    s_comma: ',',
    s_deny1: '{"msg":"Deployment runs ',
    s_deny2: ' replica(s), fewer than data.min","resource":',
    s_deny3: ',"path":"spec.replicas"}',
    s_warn1: '"',
    s_warn2: ' leaves spec.replicas to the default of 1"',
  };
  const addresses = new Map<string, { at: number; length: number }>();
  const segments: string[] = [];
  let at = 1024;
  for (const [name, text] of Object.entries(strings)) {
    const bytes = new TextEncoder().encode(text);
    addresses.set(name, { at, length: bytes.length });
    segments.push(`(data (i32.const ${at}) "${[...bytes].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('')}")`);
    at += bytes.length + 8;
  }
  const evaluate =
    options.abort !== undefined
      ? '(call $opa_abort (i32.const @@abort)) (unreachable)'
      : options.constant !== undefined
        ? '(i32.const @@constant)'
        : '(call $policy (local.get $ep) (local.get $data) (local.get $input))';
  const text = template
    .replace(/;;[^\n]*/g, '')
    .replace('{{MAJOR}}', String(options.major ?? 1))
    .replace('{{MINOR}}', String(options.minor ?? 2))
    .replace('{{DATA}}', segments.join('\n  '))
    .replace('{{EVALUATE}}', evaluate)
    .replace(/@@(\w+)/g, (_, name: string) => String(address(addresses, name).at))
    .replace(/@(\w+)/g, (_, name: string) => {
      const { at: start, length } = address(addresses, name);
      return `(i32.const ${start}) (i32.const ${length})`;
    });
  wabt ??= await wabtInit();
  const module = wabt.parseWat('policy.wat', text);
  try {
    module.resolveNames();
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

function address(addresses: Map<string, { at: number; length: number }>, name: string): { at: number; length: number } {
  const found = addresses.get(name);
  if (!found) throw new Error(`policy.wat names an unknown string @${name}`);
  return found;
}
