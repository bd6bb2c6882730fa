import type { AnyRule, FileResult, Finding } from '@nospof/api';

/** The frameworks `--compliance` accepts, and the prefix of their tags in `meta.docs.compliance`. */
export const FRAMEWORKS = {
  iso27001: { prefix: 'ISO27001', short: 'ISO 27001', name: 'ISO/IEC 27001:2022 Annex A' },
  soc2: { prefix: 'SOC2', short: 'SOC 2', name: 'SOC 2 Trust Services Criteria' },
  hipaa: { prefix: 'HIPAA', short: 'HIPAA', name: 'HIPAA Security Rule' },
  'nist800-53': { prefix: 'NIST800-53', short: 'NIST 800-53', name: 'NIST SP 800-53 Rev. 5' },
} as const;

export type Framework = keyof typeof FRAMEWORKS;

export function isFramework(name: string): name is Framework {
  return Object.hasOwn(FRAMEWORKS, name);
}

export interface Control {
  /** The tag as rules write it: `ISO27001:A.8.14`. */
  readonly tag: string;
  readonly framework: Framework | undefined;
  /** The control's own id: `A.8.14`. */
  readonly id: string;
  readonly title: string;
}

/** The controls nospof's rules map to, in report order; titles as the frameworks name them. */
const KNOWN: readonly Omit<Control, 'framework' | 'id'>[] = [
  { tag: 'ISO27001:A.8.14', title: 'Redundancy of information processing facilities' },
  { tag: 'ISO27001:A.8.13', title: 'Information backup' },
  { tag: 'SOC2:A1.2', title: 'Environmental protections, data backup and recovery infrastructure' },
  { tag: 'HIPAA:164.308(a)(7)', title: 'Contingency plan' },
  { tag: 'NIST800-53:CP-9', title: 'System backup' },
  { tag: 'NIST800-53:CP-10', title: 'System recovery and reconstitution' },
  { tag: 'NIST800-53:SC-36', title: 'Distributed processing and storage' },
];

export const CONTROLS: readonly Control[] = KNOWN.map((c) => control(c.tag, c.title));

/** A control from its tag; tags outside the known list (a user policy's own) keep the tag as title. */
export function controlOf(tag: string): Control {
  return CONTROLS.find((c) => c.tag === tag) ?? control(tag, tag);
}

function control(tag: string, title: string): Control {
  const colon = tag.indexOf(':');
  const prefix = colon === -1 ? tag : tag.slice(0, colon);
  const framework = (Object.keys(FRAMEWORKS) as Framework[]).find((f) => FRAMEWORKS[f].prefix === prefix);
  return { tag, framework, id: colon === -1 ? tag : tag.slice(colon + 1), title };
}

export function inFramework(tag: string, framework: Framework): boolean {
  return tag.startsWith(`${FRAMEWORKS[framework].prefix}:`);
}

/**
 * Findings that say a file was not checked at all. A compliance filter keeps them: a gate that drops
 * "this file could not be read" because it has no control tag would pass having checked nothing.
 */
const NOT_CHECKED = new Set(['parse-error', 'nospof/internal-error']);

/** `--compliance <framework>`: only findings tagged with one of the framework's controls (and files not checked). */
export function filterByFramework(results: readonly FileResult[], framework: Framework): FileResult[] {
  const keep = (f: Finding) => NOT_CHECKED.has(f.ruleId) || (f.compliance ?? []).some((t) => inFramework(t, framework));
  return results.map((r) => ({ ...r, findings: r.findings.filter(keep) }));
}

export interface ControlCount {
  readonly control: Control;
  /** Findings not suppressed. */
  readonly open: number;
  readonly suppressed: number;
  readonly rules: readonly string[];
}

/**
 * Findings counted per control: every known control of the framework (or of all frameworks), with zero
 * where nothing was found, then any other tag the findings carry.
 */
export function countByControl(results: readonly FileResult[], framework?: Framework): ControlCount[] {
  const counts = new Map<string, { open: number; suppressed: number; rules: Set<string> }>();
  const entry = (tag: string) => {
    let e = counts.get(tag);
    if (!e) counts.set(tag, (e = { open: 0, suppressed: 0, rules: new Set() }));
    return e;
  };
  for (const c of CONTROLS) if (!framework || c.framework === framework) entry(c.tag);
  for (const f of results.flatMap((r) => r.findings)) {
    for (const tag of f.compliance ?? []) {
      if (framework && !inFramework(tag, framework)) continue;
      const e = entry(tag);
      if (f.suppressed) e.suppressed++;
      else e.open++;
      e.rules.add(f.ruleId);
    }
  }
  return [...counts].map(([tag, e]) => ({ control: controlOf(tag), open: e.open, suppressed: e.suppressed, rules: [...e.rules].sort() }));
}

/** `nospof rules --compliance`: which rules cover each control. */
export function rulesByControl(rules: readonly AnyRule[], framework?: Framework): { control: Control; rules: string[] }[] {
  const byTag = new Map<string, string[]>();
  for (const c of CONTROLS) if (!framework || c.framework === framework) byTag.set(c.tag, []);
  for (const rule of rules) {
    for (const tag of rule.meta.docs.compliance) {
      if (framework && !inFramework(tag, framework)) continue;
      byTag.set(tag, [...(byTag.get(tag) ?? []), rule.meta.id]);
    }
  }
  return [...byTag].map(([tag, ids]) => ({ control: controlOf(tag), rules: ids.sort() }));
}
