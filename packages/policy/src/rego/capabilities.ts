import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { hostBuiltins } from './builtins.js';

interface Capabilities {
  readonly builtins: readonly { readonly name: string }[];
  readonly [key: string]: unknown;
}

/** Where the OPA SDK is installed (its package exports hide its files, so start from its entry point). */
export function sdkDirectory(): string {
  return dirname(dirname(createRequire(import.meta.url).resolve('@open-policy-agent/opa-wasm')));
}

/** Names of the builtins the SDK implements in JavaScript (the rest of its list is compiled into modules). */
export function sdkHostBuiltins(): string[] {
  const implementations = createRequire(import.meta.url)(join(sdkDirectory(), 'src', 'builtins', 'index.js')) as Record<string, unknown>;
  return Object.keys(implementations);
}

/**
 * Language features `opa build` needs in a capabilities file to compile Rego v1 (OPA 1.x) and v0 policies
 * that `import rego.v1` or the future keywords. They concern the compiler only, not the wasm host; without
 * them `opa build --capabilities` refuses today's Rego before it gets to the builtins.
 */
const FEATURES = ['rego_v1', 'rego_v1_import', 'rule_head_ref_string_prefixes', 'rule_head_refs'];
const FUTURE_KEYWORDS = ['contains', 'every', 'if', 'in'];

/**
 * The capabilities nospof ships: the SDK's list less the host builtins nospof does not offer, plus the
 * language features. Only the generator script and the test that checks the shipped file call this; the
 * host never reads the SDK's files.
 */
export function capabilitiesFor(): Capabilities {
  const sdk = JSON.parse(readFileSync(join(sdkDirectory(), 'capabilities.json'), 'utf8')) as Capabilities;
  const sdkHost = new Set(sdkHostBuiltins());
  return {
    ...sdk,
    builtins: sdk.builtins.filter((b) => !sdkHost.has(b.name) || hostBuiltins.has(b.name)),
    future_keywords: FUTURE_KEYWORDS,
    features: FEATURES,
  };
}
