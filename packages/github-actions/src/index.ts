export * from './model.js';
export { githubActionsLanguage, GITHUB_ACTIONS } from './language.js';
export { parseGithubActions } from './parse.js';
export { isActionPath, isWorkflowPath, repositoryRoot } from './paths.js';
export {
  buildIndex,
  calledWorkflowPath,
  githubActionsIndexKey,
  githubActionsIndexOfKeys,
  indexedPath,
  watchGithubActionsIndex,
  workflowName,
  type GithubActionsIndex,
  type WorkflowCaller,
} from './project-index.js';
export { parseExpression, type Expr } from './expression/parse.js';
export { evaluateExpr, evaluateString, evaluateText, stringIn, hasExpression, EMPTY_SCOPE, type Scope } from './expression/evaluate.js';
export { expandMatrix } from './build/matrix.js';
export { parseUsesTarget, actionName } from './build/uses.js';
export { jobScopes, jobScopesIn, jobScopesInOrOpaque, jobScopesOrOpaque } from './scopes.js';
export { workflowInputScopes } from './input-scopes.js';
export { resolveRunsOn, type RunnerRequest } from './runs-on.js';
export { falseIn, runsOnFailure } from './conditions.js';
export { callInputs, isCalled, onlyCalled } from './calls.js';
export { stepScript } from './step-script.js';
export { githubActionsUnits } from './units.js';
