/**
 * The part of the WebAssembly JavaScript API the loader uses. Node provides it as a global, but the
 * TypeScript libraries this repository builds with (ES2023 + Node) do not declare it.
 */
export type WasmModule = object & { readonly __wasmModule?: never };

export interface WasmDescriptor {
  readonly module: string;
  readonly name: string;
  readonly kind: 'function' | 'table' | 'memory' | 'global' | 'tag';
}

interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  readonly Module: {
    imports(module: WasmModule): WasmDescriptor[];
    exports(module: WasmModule): Omit<WasmDescriptor, 'module'>[];
  };
}

export const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
