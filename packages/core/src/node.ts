import type { Range } from './position.js';

/** Every typed AST node of every language: a PascalCase type and the range it covers. */
export interface Node {
  readonly type: string;
  readonly range: Range;
  /**
   * Stable identity of the resource the node describes (`Deployment/prod/web`, `aws_db_instance.main`).
   * Findings reported inside the node inherit it; baselines key on it instead of a line number.
   */
  readonly resource?: string;
}
