export { terraformLanguage, terraformVisitorKeys } from './language.js';
export type * from './model/types.js';
export type { BlockView } from './project/views.js';
export type { CallSite, ModuleInstance, Origin } from './project/module-instance.js';
export type { ResourceInstance } from './project/resource-instance.js';
export type { PlanInstance } from './project/plan-instance.js';
export type { RuleLedger } from './project/rule-ledger.js';
export type { Trail, TrailStep } from './project/trace.js';
export type { BudgetEvent } from './eval/meter.js';
export { BUDGETS, BudgetUnknown, type BudgetName } from './eval/tf-value.js';
export {
  literalString,
  traceCallInput,
  TerraformIndex,
  type Instance,
  type ModuleCallInstance,
  type ResourceInstances,
  type TerraformSettings,
} from './project/terraform-index.js';
export {
  UnknownValue,
  EntityValue,
  isUnknown,
  isObject,
  firstUnknown,
  countDistinct,
  distinctKey,
  referencedEntities,
  refersToEntity,
  type Entity,
  type TfValue,
  type TfObject,
} from './eval/tf-value.js';
export { attributeOf, blocksOf } from './project/body.js';
export { isLocalSource } from './util/paths.js';
