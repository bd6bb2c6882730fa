import type { AttributePath, PolicyLocation, PolicyObject, PolicyResource, PolicyUnit, Range, RelatedLocation } from '@nospof/core';

/** A range on one line, with offsets consistent enough for tests. */
export function at(line: number, column: number, length = 1): Range {
  const offset = line * 1000 + column;
  return { start: { line, column, offset }, end: { line, column: column + length, offset: offset + length } };
}

export interface ResourceSpec {
  readonly id: string;
  readonly type: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly file?: string;
  readonly line?: number;
  readonly attributes?: PolicyObject;
  /** Where attributes are written, by dotted path: a line in the resource's file, or another file. */
  readonly written?: Readonly<Record<string, number | { file: string; line: number; trail?: readonly RelatedLocation[] }>>;
}

/** A resource as a language would build it, with `locate` answering from `written`. */
export function resource(spec: ResourceSpec): PolicyResource {
  const file = spec.file ?? 'manifests/app.yaml';
  return {
    id: spec.id,
    type: spec.type,
    name: spec.name ?? spec.id.split('/').pop() ?? spec.id,
    ...(spec.namespace === undefined ? {} : { namespace: spec.namespace }),
    file,
    range: at(spec.line ?? 1, 1, spec.type.length),
    attributes: spec.attributes ?? {},
    locate(path: AttributePath): PolicyLocation | undefined {
      const where = spec.written?.[path.join('.')];
      if (where === undefined) return undefined;
      if (typeof where === 'number') return { file, range: at(where, 5, 3) };
      return { file: where.file, range: at(where.line, 5, 3), ...(where.trail ? { trail: where.trail } : {}) };
    },
  };
}

export function unit(resources: readonly ResourceSpec[], language = 'kubernetes', files?: readonly string[]): PolicyUnit {
  const built = resources.map(resource);
  return { language, unit: 'overlays/prod', resources: built, files: files ?? [...new Set(['overlays/prod/kustomization.yaml', ...built.map((r) => r.file)])] };
}
