export { jenkinsLanguage, parseJenkinsfile, looksLikePipeline, JENKINS_HEAD_BYTES } from './language.js';
export { isJenkinsfilePath, isLibraryStepPath, libraryStepName } from './discovery/paths.js';
export { sniffGroovy, SNIFF_CUT_HINT } from './discovery/sniff.js';
export type { GroovySniff } from './discovery/sniff.js';
export { runsOnFailure } from './model/failure.js';
export { scriptOf, shellSteps } from './model/scripts.js';
export { parseGroovy, maxNestingDepth } from './groovy/parser.js';
export type { GroovyParseResult } from './groovy/parser.js';
export { lex } from './groovy/lexer.js';
export type { LexResult } from './groovy/lexer.js';
export type { Token, TokenKind, Interpolation, StringQuote } from './groovy/token.js';
export type * as Groovy from './groovy/ast.js';
export { buildJenkinsFile } from './model/build.js';
export { receiverPath } from './model/steps.js';
export { visitorKeys } from './model/visitor-keys.js';
export * from './model/types.js';
export {
  ancestors,
  enclosingSteps,
  wrappedBy,
  enclosingStages,
  enclosingPostCondition,
  enclosingPipeline,
  nodesOfType,
  allSteps,
  allStages,
  flattenSteps,
  optionNamed,
  resourceOf,
} from './model/navigate.js';
export { stringValue, looseText, booleanValue, namedArgument, firstArgument } from './model/values.js';
export { parseLabelExpression, positiveAtoms } from './labels/label-expression.js';
export type { LabelExpression } from './labels/label-expression.js';
export { agentPoolsFrom, maxAgents, selectsBuiltInNode, namesOneMachine, builtInNodeNames } from './labels/agent-pools.js';
export type { AgentPools } from './labels/agent-pools.js';
export { buildJenkinsIndex, loadPath } from './project/jenkins-index.js';
export type { JenkinsIndex, IndexedFile } from './project/jenkins-index.js';
export { Flow, flowFor, defaultFlowLimits, handlerOf, guardsOf, runAncestors, wrappingRun, flattenRuns, callSites, resolveArgument } from './flow/runs.js';
export type { Run, Frame, Callee, FlowLimits } from './flow/runs.js';
export { jenkinsUnits, jenkinsUnitKey } from './project/units.js';
