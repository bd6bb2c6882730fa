import type * as Sdk from '@open-policy-agent/opa-wasm';
import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';
import type { PolicyInput } from '@nospof/core';
import type { PolicyBundle } from '../bundle/bundle.js';
import { describeThrown, PolicyLoadError, type PolicyProblem } from '../problems.js';
import type { PolicyResult } from '../result.js';
import { missingBuiltins } from './builtins.js';
import { readEntrypointOutput } from './output.js';
import { wasm, type WasmDescriptor, type WasmModule } from './wasm-api.js';

export interface RegoOptions {
  /** Wasm memory of one policy instance, in 64 KiB pages: bounds what a runaway policy can take. */
  readonly memoryPages?: { readonly initial: number; readonly maximum: number };
}

export interface PolicyEvaluation {
  readonly results: readonly PolicyResult[];
  /** Entrypoints that failed or returned malformed output; the results of the others are still there. */
  readonly problems: readonly PolicyProblem[];
  /** What the policy printed (`print()`), kept out of the host's stdout. */
  readonly prints: readonly string[];
}

/** A loaded bundle: every entrypoint of every module, ready to evaluate any number of inputs. */
export interface RegoPolicy {
  readonly kind: 'rego';
  readonly source: string;
  readonly entrypoints: readonly string[];
  evaluate(input: PolicyInput): PolicyEvaluation;
}

const IMPORTS: Readonly<Record<string, WasmDescriptor['kind']>> = {
  memory: 'memory',
  opa_abort: 'function',
  opa_println: 'function',
  opa_builtin0: 'function',
  opa_builtin1: 'function',
  opa_builtin2: 'function',
  opa_builtin3: 'function',
  opa_builtin4: 'function',
};
const EXPORTS = ['builtins', 'entrypoints', 'opa_malloc', 'opa_json_parse', 'opa_json_dump', 'opa_heap_ptr_get', 'opa_heap_ptr_set'];
const CONTEXT_EXPORTS = ['eval', 'opa_eval_ctx_new', 'opa_eval_ctx_set_input', 'opa_eval_ctx_set_data', 'opa_eval_ctx_set_entrypoint', 'opa_eval_ctx_get_result'];
let sdkLoading: Promise<typeof Sdk> | undefined;

/**
 * The OPA SDK, loaded with the first Rego policy: most runs have none, and the SDK with the YAML library it
 * brings is a fifth of the CLI's code, which every start would otherwise compile. Its ES module entry names
 * only the asynchronous loader; the synchronous one (which lets the console be captured around
 * instantiation) is on its default export, the CommonJS module.
 */
function opaSdk(): Promise<typeof Sdk> {
  sdkLoading ??= import('@open-policy-agent/opa-wasm').then((loaded) => (loaded as unknown as { default: typeof Sdk }).default);
  return sdkLoading;
}
const BUILD_HINT = 'compile it with `opa build -t wasm --capabilities node_modules/@nospof/policy/capabilities.json -e nospof/deny ...`';

/**
 * Loads every module of a bundle through the OPA SDK, sets the bundle's data, and checks what the SDK
 * leaves to evaluation time: that the module is an OPA policy, that it imports only what the host gives,
 * and that every builtin it calls on the host exists (the SDK would fail only when a rule calls it).
 * Throws `PolicyLoadError` naming the bundle and each problem.
 */
export async function loadRego(bundle: PolicyBundle, options: RegoOptions = {}): Promise<RegoPolicy> {
  const problems: PolicyProblem[] = [];
  const loaded: { path: string; policy: LoadedPolicy; entrypoints: string[] }[] = [];
  for (const module of bundle.modules) {
    const file = bundle.modules.length === 1 ? bundle.source : `${bundle.source} (/${module.path})`;
    try {
      loaded.push({ path: module.path, ...(await loadModule(module.bytes, bundle.data, options)) });
    } catch (error) {
      problems.push({ file, message: describeThrown(error) });
    }
  }
  if (problems.length > 0) throw new PolicyLoadError(problems);
  const entrypoints = loaded.flatMap((l) => l.entrypoints);
  const duplicate = entrypoints.find((e, i) => entrypoints.indexOf(e) !== i);
  if (duplicate) throw new PolicyLoadError([{ file: bundle.source, message: `two modules define the entrypoint "${duplicate}"` }]);
  return {
    kind: 'rego',
    source: bundle.source,
    entrypoints,
    evaluate(input: PolicyInput): PolicyEvaluation {
      const results: PolicyResult[] = [];
      const evaluationProblems: PolicyProblem[] = [];
      const prints: string[] = [];
      const json = inputBuffer(input);
      for (const { policy, entrypoints: names } of loaded) {
        for (const entrypoint of names) {
          let resultSet: unknown;
          try {
            resultSet = capturingConsole(prints, () => policy.evaluate(json, entrypoint));
          } catch (error) {
            evaluationProblems.push({ file: bundle.source, policy: entrypoint, message: `evaluation failed: ${describeThrown(error)}` });
            continue;
          }
          const read = readEntrypointOutput(resultSet, entrypoint, bundle.source);
          results.push(...read.results);
          evaluationProblems.push(...read.problems);
        }
      }
      return { results, problems: evaluationProblems, prints };
    },
  };
}

async function loadModule(bytes: Uint8Array, data: unknown, options: RegoOptions): Promise<{ policy: LoadedPolicy; entrypoints: string[] }> {
  let module: WasmModule;
  try {
    module = await wasm.compile(bytes);
  } catch (error) {
    throw new Error(`not a WebAssembly module (${describeThrown(error)}); ${BUILD_HINT}`);
  }
  checkShape(module);
  const { loadPolicySync } = await opaSdk();
  const pages = options.memoryPages ?? { initial: 5, maximum: 16_384 };
  const prints: string[] = [];
  let policy: LoadedPolicy;
  try {
    policy = capturingConsole(prints, () => loadPolicySync(module, { initial: pages.initial, maximum: pages.maximum }));
  } catch (error) {
    throw new Error(`the OPA SDK could not load the module: ${describeThrown(error)}`);
  }
  const missing = missingBuiltins(Object.keys(requiredBuiltins(policy)));
  if (missing.length > 0) {
    throw new Error(
      `the policy calls builtin${missing.length === 1 ? '' : 's'} nospof does not provide: ${missing.join(', ')}; ` +
        `${BUILD_HINT} so \`opa build\` reports them`,
    );
  }
  const entrypoints = Object.keys((policy.entrypoints ?? {}) as Record<string, number>);
  if (entrypoints.length === 0) throw new Error(`the module has no entrypoint; ${BUILD_HINT}`);
  try {
    capturingConsole(prints, () => policy.setData(data as object));
  } catch (error) {
    throw new Error(`the policy could not take the bundle's data: ${describeThrown(error)}`);
  }
  return { policy, entrypoints };
}

/** A module that is not an OPA policy fails here with what is missing, not later inside the SDK. */
function checkShape(module: WasmModule): void {
  const foreign = wasm.Module.imports(module).filter((i) => i.module !== 'env' || IMPORTS[i.name] !== i.kind);
  if (foreign.length > 0) {
    throw new Error(`the module imports ${foreign.map((i) => `${i.module}.${i.name}`).join(', ')}, which an OPA policy does not; ${BUILD_HINT}`);
  }
  const exported = new Set(wasm.Module.exports(module).map((e) => e.name));
  const missing = EXPORTS.filter((name) => !exported.has(name));
  if (!exported.has('opa_eval')) missing.push(...CONTEXT_EXPORTS.filter((name) => !exported.has(name)));
  if (missing.length > 0) throw new Error(`the module does not export ${missing.join(', ')}: it is not an OPA policy; ${BUILD_HINT}`);
}

/** The `builtins` export: name -> id of every builtin the module calls on the host. */
function requiredBuiltins(policy: LoadedPolicy): Record<string, number> {
  const exports = (policy.wasmInstance as unknown as { exports: Record<string, (...args: number[]) => number> }).exports;
  const address = (exports.opa_json_dump as (a: number) => number)((exports.builtins as () => number)());
  const memory = new Uint8Array((policy.mem as unknown as { buffer: ArrayBuffer }).buffer);
  const end = memory.indexOf(0, address);
  const text = new TextDecoder().decode(memory.subarray(address, end === -1 ? memory.length : end));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('the module\'s "builtins" export does not return JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the module\'s "builtins" export does not return an object');
  return parsed as Record<string, number>;
}

/** The input serialised once for every entrypoint; the SDK takes an ArrayBuffer as JSON text. */
function inputBuffer(input: PolicyInput): ArrayBuffer {
  const bytes = new TextEncoder().encode(JSON.stringify(input));
  return bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
}

/**
 * The SDK writes a policy's `print()` output and its own warnings with console.log/console.error, which
 * would corrupt a host's JSON or SARIF on stdout. Evaluation is synchronous, so swapping the two for the
 * call is safe.
 */
function capturingConsole<T>(into: string[], fn: () => T): T {
  const { log, error } = console;
  const keep = (...args: unknown[]) => void into.push(args.map(String).join(' '));
  console.log = keep;
  console.error = keep;
  try {
    return fn();
  } finally {
    console.log = log;
    console.error = error;
  }
}
