/** The text of src/validators.generated.ts for the registry's settings schemas and rules' option schemas. */
export function builtinValidatorsSource(
  settingsSchemas: Readonly<Record<string, object>>,
  rules: readonly { readonly meta: { readonly id: string; readonly schema: readonly object[] } }[],
): string;
