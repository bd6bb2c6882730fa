/** The text of src/config/config-validator.generated.ts for the configuration schema. */
export function configValidatorSource(configSchema: object): string;
