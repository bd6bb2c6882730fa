// The text of src/config/config-validator.generated.ts for the configuration schema.
import { standaloneValidatorsSource } from './validator-source.mjs';

export function configValidatorSource(configSchema) {
  return standaloneValidatorsSource({ validateConfigShape: configSchema }, 'packages/core/scripts/write-config-validator.mjs from src/config/schema.ts');
}
