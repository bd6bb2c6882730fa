/**
 * Extensions of files that carry "jenkinsfile" in their name without being one: documentation, data,
 * other languages, editor and merge leftovers.
 */
const notPipelineExtensions: ReadonlySet<string> = new Set([
  'md', 'markdown', 'txt', 'rst', 'adoc', 'asciidoc', 'html', 'htm', 'pdf', 'png', 'jpg', 'jpeg', 'gif', 'svg',
  'yaml', 'yml', 'json', 'xml', 'toml', 'ini', 'properties', 'csv', 'lock',
  'sh', 'bash', 'bat', 'cmd', 'ps1', 'py', 'rb', 'js', 'mjs', 'cjs', 'ts', 'java', 'kt', 'kts', 'go', 'rs', 'gradle',
  'orig', 'rej', 'swp', 'bak', 'tmp', 'old', 'disabled', 'sample', 'example', 'template', 'tpl', 'j2', 'erb', 'mustache',
]);

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function isSeparator(c: string | undefined): boolean {
  return c === undefined || c === '.' || c === '-' || c === '_';
}

/**
 * Every name a Jenkins job may point at as its pipeline script: `Jenkinsfile`, `Jenkinsfile.release`,
 * `Jenkinsfile-jdk11`, `Jenkinsfile_k8s`, `JenkinsFile`, `Jmh_Jenkinsfile`, `nightly.jenkinsfile` (any case),
 * but not `Jenkinsfile.md` or `JenkinsfileTest.java`.
 */
export function isJenkinsfilePath(path: string): boolean {
  const base = baseName(path).toLowerCase();
  let at = base.indexOf('jenkinsfile');
  while (at !== -1) {
    if (isSeparator(at === 0 ? undefined : base[at - 1]) && isSeparator(base[at + 'jenkinsfile'.length])) break;
    at = base.indexOf('jenkinsfile', at + 1);
  }
  if (at === -1) return false;
  const dot = base.lastIndexOf('.');
  if (dot <= at) return true;
  return !notPipelineExtensions.has(base.slice(dot + 1));
}

const PIPELINE_FOLDER = /(^|[._-])jenkinsfiles?([._-]|$)/;

/**
 * A file without an extension under a folder that collects pipelines (`Jenkinsfile.d/core/release`,
 * `jenkinsfiles/nightly`): a pipeline by convention, claimed like a `.groovy` file, from its first bytes.
 */
export function isPipelineFolderScriptPath(path: string): boolean {
  // Asked of every file of a run: the name is looked at before the path is split.
  const slash = path.lastIndexOf('/');
  if (slash <= 0 || slash === path.length - 1 || path.indexOf('.', slash) !== -1) return false;
  return path
    .slice(0, slash)
    .split('/')
    .some((folder) => PIPELINE_FOLDER.test(folder.toLowerCase()));
}

/** `vars/<step>.groovy` of a shared library: each file defines the global step `<step>`. */
export function isLibraryStepPath(path: string): boolean {
  if (!path.endsWith('.groovy')) return false;
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, Math.max(slash, 0));
  return slash !== -1 && (dir === 'vars' || dir.endsWith('/vars'));
}

/** The step a shared-library file defines: `vars/deployApp.groovy` -> `deployApp`. */
export function libraryStepName(path: string): string {
  const base = baseName(path);
  return base.slice(0, base.length - '.groovy'.length);
}

export function isGroovyPath(path: string): boolean {
  return path.endsWith('.groovy');
}
