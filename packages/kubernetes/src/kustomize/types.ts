import type { Node, Value } from '@nospof/core';
import type { ManifestValue, Written } from '../model/manifest-value.js';

/** A path a kustomization names (`resources`, `components`, a patch file), with where it is written. */
export interface PathEntry extends Written {
  readonly path: string;
}

/** `target:` of a patch: which objects it applies to. Names and namespaces are anchored regular expressions in kustomize. */
export interface PatchTarget {
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly annotationSelector?: string;
}

export interface KustomizePatch {
  /** The list entry that declares the patch. */
  readonly node: Written;
  /** A patch read from a file. */
  readonly path: PathEntry | undefined;
  /** An inline patch: its documents, positioned in the kustomization when it is a literal block. */
  readonly inline: readonly ManifestValue[] | undefined;
  readonly target: PatchTarget | undefined;
  /** True for `patchesJson6902`; `patches` entries are JSON 6902 when their content is a list of operations. */
  readonly json6902: boolean;
  /** `options.allowNameChange` / `allowKindChange`: the patch may rename the object. */
  readonly allowNameChange: boolean;
}

/** `commonLabels` or one `labels:` entry. */
export interface LabelSetting {
  readonly pairs: readonly { readonly key: string; readonly value: string; readonly node: Written }[];
  /** Also added to selectors (`commonLabels` always, `labels` with `includeSelectors: true`). */
  readonly includeSelectors: boolean;
  /** Also added to pod templates (`commonLabels` always, `labels` with `includeTemplates` or `includeSelectors`). */
  readonly includeTemplates: boolean;
}

export interface ReplicaSetting {
  readonly name: string;
  readonly count: Value<number>;
  readonly node: Written;
}

/** One `images:` entry: containers whose image is `name` get a new name, tag or digest. */
export interface ImageSetting {
  readonly name: string;
  readonly newName: string | undefined;
  readonly newTag: string | undefined;
  readonly digest: string | undefined;
  /** Where the new image is written: its `digest`, `newTag` or `newName` line. */
  readonly node: Written;
}

/**
 * A kustomization entry naming a local file or directory its unit does not hold: either it is not in the
 * scan (ignored, or another part of the repository was named) or it does not exist, and then
 * `kustomize build` fails. Which of the two only the host can tell (`ProjectContext.exists`).
 */
export interface UnresolvedEntry extends Written {
  readonly field: 'resources' | 'components' | 'patches';
  /** The path as written. */
  readonly path: string;
  /** The path relative to the run's root. */
  readonly resolved: string;
}

/**
 * A strategic merge patch without a `target` whose document names an object the kustomization does not
 * build (`kustomize build` fails: "failed to find unique target for patch"). Often an object meant to be
 * added, listed under `patches:` instead of `resources:`. Written at the `patches` entry.
 */
export interface UnmatchedPatch extends Written {
  readonly kind: string;
  readonly name: string;
  /** The file the patch document is in (the kustomization itself for an inline patch). */
  readonly patchFile: string;
}

/**
 * Something a kustomization declares that nospof does not render: remote resources, Helm charts,
 * generator and transformer plugins (never run: nothing from a repository is executed). `effect` says
 * what is then unknown: objects that may exist, or values of objects that do.
 */
export interface Unrendered extends Written {
  readonly what: string;
  readonly reason: string;
  readonly effect: 'objects' | 'values' | 'none';
  /** For `values`: the objects affected (kind and name), or every object when absent. */
  readonly select?: { readonly kind?: string; readonly name?: string };
}

export interface Kustomization extends Node {
  readonly type: 'Kustomization';
  readonly file: string;
  /** The directory the kustomization's paths are relative to ('' for the root). */
  readonly dir: string;
  /** `kind: Component`: applied inside the kustomization that lists it under `components`. */
  readonly component: boolean;
  readonly kindNode: Written;
  readonly resources: readonly PathEntry[];
  readonly components: readonly PathEntry[];
  /** `patchesStrategicMerge`, `patches` and `patchesJson6902` in the order kustomize applies them. */
  readonly patches: readonly KustomizePatch[];
  readonly namespace: (Written & { readonly value: string }) | undefined;
  readonly namePrefix: (Written & { readonly value: string }) | undefined;
  readonly nameSuffix: (Written & { readonly value: string }) | undefined;
  readonly labels: readonly LabelSetting[];
  /** `commonAnnotations`: added to every object's and pod template's annotations (`nospof.dev/ignore` too). */
  readonly annotations: LabelSetting['pairs'];
  readonly replicas: readonly ReplicaSetting[];
  readonly images: readonly ImageSetting[];
  readonly unrendered: readonly Unrendered[];
}
