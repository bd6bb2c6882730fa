export { Nospof, type NospofOptions, type LintReport } from './nospof.js';
export { NospofUsageError, NoFilesError } from './errors.js';
export { languages, allRules, settingsSchemas, builtinCatalog, createLinter, sampleFileNames } from './registry.js';
export { PolicyStore, type LoadedPolicies, type PolicyStoreOptions } from './policies/policy-store.js';
export { PolicyLoadError, formatPolicyProblem, type PolicyProblem, type PolicyTestReport, type PolicyTestCase } from '@nospof/policy';
export { CONFIG_NAMES, isConfigFileName, parseConfigText, type ParsedConfigFile } from './config/config-file.js';
export { loadConfig, loadConfigOrThrow, readConfigFromDisk, asConfigError, type ReadText, type ConfigCatalog, type LoadedConfig } from './config/config-load.js';
export { ConfigStore, explicitConfigPath, type ConfigStoreOptions } from './config/config-store.js';
export { discover, walkRepository, repositoryRootOf, isInside, ALWAYS_SKIPPED, type DiscoveredFile, type Discovery, type DiscoveryNotice } from './files/discover.js';
export { readSourceFile, decodeSource, readHead, formatBytes, DEFAULT_MAX_FILE_BYTES, type ReadOutcome } from './files/read-file.js';
export { readSmallTextFile, TextReadError } from './fs/read-text.js';
export { writeFileAtomic } from './fs/atomic-write.js';
export type { FixWrite } from './fix-writer.js';
export { Baseline, BASELINE_FILE } from './baseline.js';
export { DEFAULT_CACHE_LOCATION, FileCache } from './cache.js';
export { parseShard, shardWork, type Shard, type ShardWork } from './shard.js';
export { changedSince } from './files/git-changes.js';
export { editorSchema } from './editor-schema.js';
export { version } from './version.js';
export type { TerraformVariables } from './terraform-vars.js';
export { Workspace, relativeInside, slashRelative, inSkippedDirectory, type LintOutcome, type FileLint, type WorkspaceOptions } from './workspace/workspace.js';
export { indexWorkspace, silentProgress, type ProgressSink, type IndexOptions } from './workspace/indexer.js';
export { Slicer, SLICE_MS } from './workspace/slicer.js';
export { ruleDocFile, renderDocHeader, withDocHeader, renderRuleTable, HEADER_END } from '@nospof/rules';
// What hosts need of the engine's vocabulary, so they depend on this package alone.
export {
  compareFindings,
  ConfigError,
  formatConfigProblem,
  formatKeyPath,
  severityRank,
  RuleRegistry,
  validateRuleSetting,
  type AnyRule,
  type ConfigProblem,
  type FileResult,
  type LintProgress,
  type RunPlan,
  type PlannedUnit,
  type Finding,
  type Language,
  type Range,
  type RelatedLocation,
  type ResolvedConfig,
  type RuleSetting,
  type Severity,
  type SkippedValue,
  type TextEdit,
  type PolicyInput,
} from '@nospof/core';
