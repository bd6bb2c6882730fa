import type { Node, Range } from '@nospof/core';
import type { Block, Body, HclFile } from '../hcl/ast.js';

/**
 * The typed tree rules visit. Each top-level block becomes one node that keeps its HCL block, so rules
 * and fixes can reach every attribute with its exact range. Evaluated values do not live here: a block
 * in a module directory has one set of values per module call, so they come from the project index
 * (`TerraformIndex.instancesOf`).
 */
interface TopBlock extends Node {
  /** The file the block is written in. */
  readonly file: string;
  readonly block: Block;
  /** `resource "aws_db_instance" "main"`: from the block type to the last label, where findings on absent attributes land. */
  readonly header: Range;
  /**
   * Where a syntax error lies inside the block: the parser recovered past it, so what nospof read of the
   * block may be incomplete (an attribute or nested block dropped, the block closed early).
   */
  readonly damaged?: Range | undefined;
}

export interface Resource extends TopBlock {
  readonly type: 'Resource';
  readonly resourceType: string;
  readonly name: string;
  /** `aws_db_instance.main`, without module path or instance key. */
  readonly resource: string;
}

export interface DataSource extends TopBlock {
  readonly type: 'DataSource';
  readonly dataType: string;
  readonly name: string;
}

export interface ModuleCall extends TopBlock {
  readonly type: 'ModuleCall';
  readonly name: string;
  /** `module.db`. */
  readonly resource: string;
}

export interface Variable extends TopBlock {
  readonly type: 'Variable';
  readonly name: string;
}

export interface Locals extends TopBlock {
  readonly type: 'Locals';
}

export interface Output extends TopBlock {
  readonly type: 'Output';
  readonly name: string;
}

export interface Provider extends TopBlock {
  readonly type: 'Provider';
  readonly name: string;
}

export type TopLevelNode = Resource | DataSource | ModuleCall | Variable | Locals | Output | Provider;

/** A resource of a plan file (`terraform show -json`), with its fully resolved values. */
export interface PlanResource extends Node {
  readonly type: 'Resource';
  readonly resourceType: string;
  readonly name: string;
  /** The plan address, `module.db.aws_db_instance.this[0]`. */
  readonly resource: string;
  readonly file: string;
  readonly header: Range;
  readonly values: Readonly<Record<string, unknown>>;
  readonly plan: true;
}

export interface TerraformFile extends Node {
  readonly type: 'TerraformFile';
  /**
   * `config`: .tf/.tf.json; `tfvars`: variable values; `plan`: plan JSON; `manifest`:
   * .terraform/modules/modules.json; `template`: a `.tftpl` file `templatefile()` reads; `terragrunt`: a
   * `terragrunt.hcl` that runs a module with inputs nospof does not evaluate (never linted on its own).
   */
  readonly kind: 'config' | 'tfvars' | 'plan' | 'manifest' | 'template' | 'terragrunt';
  readonly path: string;
  /** The directory (the module) the file belongs to, without a trailing slash; '' for the top. */
  readonly dir: string;
  readonly hcl?: HclFile;
  /** Top-level blocks in source order (config files), or plan resources (plan files). */
  readonly blocks: readonly (TopLevelNode | PlanResource)[];
  /** Plan files: the whole parsed JSON. Manifest files: the parsed manifest. */
  readonly json?: unknown;
}

export type { Block, Body };

/** Terraform node types by visitor key; a plan file's resources are `Resource` nodes too. */
export interface TerraformNodes {
  readonly TerraformFile: TerraformFile;
  readonly Resource: Resource | PlanResource;
  readonly DataSource: DataSource;
  readonly ModuleCall: ModuleCall;
  readonly Variable: Variable;
  readonly Locals: Locals;
  readonly Output: Output;
  readonly Provider: Provider;
}
