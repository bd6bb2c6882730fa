/** The text of a module exporting one standalone validator per entry of `schemas`. */
export function standaloneValidatorsSource(schemas: Readonly<Record<string, object>>, generatedBy: string): string;
