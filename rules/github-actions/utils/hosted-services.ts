import type { Text } from '@nospof/github-actions';

/**
 * A runner service that starts a fresh machine for each job, like GitHub's own runners but run by
 * another company: never one machine, but billed by the minute.
 */
interface HostedService {
  readonly name: string;
  /** The labels the service documents, by their fixed prefix and shape. */
  readonly label: RegExp;
  /** A prefix that names the service even when the rest of the label is an expression (RunsOn's `runs-on=${{ github.run_id }}/...`). */
  readonly written?: RegExp;
}

/**
 * Bounded by each service's own prefix and label shape, so a self-hosted pool that merely starts with a
 * common word (`warp-drive`, `depot-builder`) is not taken for one.
 */
const SERVICES: readonly HostedService[] = [
  // blacksmith-4vcpu-ubuntu-2404, blacksmith-2vcpu-ubuntu-2204-arm, and the bare `blacksmith` of old workflows.
  { name: 'Blacksmith', label: /^blacksmith(?:-\d+vcpu-(?:ubuntu|windows|macos)-[a-z0-9.-]+)?$/i },
  // buildjet-4vcpu-ubuntu-2204, buildjet-8vcpu-ubuntu-2204-arm.
  { name: 'BuildJet', label: /^buildjet-\d+vcpu-(?:ubuntu|windows|macos)-[a-z0-9.-]+$/i },
  // depot-{os}-{version}[-{arch}][-{size}]: depot-ubuntu-24.04-8, depot-windows-2022, depot-macos-latest.
  { name: 'Depot', label: /^depot-(?:ubuntu|windows|macos)-[a-z0-9.-]+$/i },
  // A Namespace runner profile (namespace-profile-default) or machine label (nscloud-ubuntu-22.04-amd64-4x16).
  { name: 'Namespace', label: /^(?:namespace-profile-[a-z0-9._-]+|nscloud-(?:ubuntu|windows|macos)-[a-z0-9.-]+)$/i },
  // warp-ubuntu-latest-x64-4x, warp-macos-14-arm64-6x.
  { name: 'WarpBuild', label: /^warp-(?:ubuntu|windows|macos)-[a-z0-9.-]+$/i },
  // runs-on=<run id>/runner=2cpu-linux-x64 (also `,`-separated), runs-on/fleet=linux-small, or `runs-on` in a list of labels.
  { name: 'RunsOn', label: /^runs-on(?:[=/,].*)?$/i, written: /^runs-on[=/,]/i },
  // ubicloud, ubicloud-standard-2, ubicloud-standard-4-arm, ubicloud-premium-8.
  { name: 'Ubicloud', label: /^ubicloud(?:-[a-z0-9-]+)?$/i },
];

/** The hosted runner service a label belongs to (`Blacksmith` for `blacksmith-4vcpu-ubuntu-2204`), if any. */
export function hostedService(label: string): string | undefined {
  return SERVICES.find((s) => s.label.test(label))?.name;
}

/** The first label of a request that names a hosted runner service, with the service. */
export function serviceLabel(labels: readonly string[]): { readonly service: string; readonly label: string } | undefined {
  for (const label of labels) {
    const service = hostedService(label);
    if (service) return { service, label };
  }
  return undefined;
}

/**
 * A hosted runner service named by the labels as written, before any expression is evaluated: RunsOn
 * labels carry `${{ github.run_id }}`, only known at run time, after a prefix that already names the service.
 */
export function serviceAsWritten(labels: readonly Text[]): { readonly service: string; readonly label: string } | undefined {
  for (const label of labels) {
    if (!label.dynamic) {
      const service = hostedService(label.text);
      if (service) return { service, label: label.text };
      continue;
    }
    const prefix = label.text.slice(0, label.text.indexOf('${{'));
    const service = SERVICES.find((s) => s.written?.test(prefix));
    if (service) return { service: service.name, label: label.text };
  }
  return undefined;
}
