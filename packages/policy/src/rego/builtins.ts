/**
 * Builtins a compiled policy may call on the host (through `opa_builtinN`): the ones the OPA JavaScript
 * SDK implements. Every other builtin a policy may use is compiled into the module itself. `capabilities.json`
 * lists exactly these plus the compiled-in ones, so `opa build --capabilities` refuses the rest at build time.
 * `regex.split` is left out on purpose: the SDK runs it with JavaScript's backtracking RegExp, and policies
 * run on text from scanned repositories (`regex.match` and friends are compiled in and run on RE2).
 */
export const hostBuiltins: ReadonlySet<string> = new Set(['json.is_valid', 'sprintf', 'yaml.is_valid', 'yaml.marshal', 'yaml.unmarshal']);

/** The builtins a module needs that the host does not provide, sorted. */
export function missingBuiltins(required: Iterable<string>): string[] {
  return [...new Set(required)].filter((name) => !hostBuiltins.has(name)).sort();
}
