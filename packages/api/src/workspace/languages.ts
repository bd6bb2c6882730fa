import type { Language } from '@nospof/core';
import { createKubernetesLanguage } from '@nospof/kubernetes';
import { YamlCache } from '@nospof/yaml';
import { languages } from '../registry.js';

/**
 * Characters of YAML documents a workspace keeps parsed: twice a 2 MB install bundle. What editing needs
 * is the documents of the files being edited or parsed in steps; every keystroke in a document leaves
 * the tree of its previous text behind (a tree costs some twenty bytes per character of its text), which
 * only the bound evicts. Files larger than half of it are not parsed in steps.
 */
export const WORKSPACE_YAML_CACHE_CHARS = 4 * 1024 * 1024;

/**
 * The languages of one workspace, in registration order. The Kubernetes reader keeps the documents it
 * has read in a cache of the workspace's own (keyed by their text, least recently used first), so an
 * edit re-reads only the document it touches wherever it sits in the file, and a large stream parsed in
 * steps reads each document once.
 */
export function workspaceLanguages(yamlCache = new YamlCache(WORKSPACE_YAML_CACHE_CHARS)): Language[] {
  return languages.map((language) => (language.id === 'kubernetes' ? (createKubernetesLanguage({ yamlCache }) as unknown as Language) : language));
}
