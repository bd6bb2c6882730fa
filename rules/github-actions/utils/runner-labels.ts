import { hostedService } from './hosted-services.js';

/**
 * Labels GitHub gives its own hosted runners (`ubuntu-24.04`, `windows-11-arm`, `macos-15-intel`,
 * `macos-14-xlarge`, the one-CPU `ubuntu-slim`): a fresh VM or container per job, never one machine. Larger Linux and Windows runners carry names
 * their organisation chose (`ubuntu-22.04-16core`), which are not these.
 */
const HOSTED = /^(?:(?:ubuntu|windows|macos)-(?:latest|\d+(?:\.\d+)?)(?:-(?:arm|arm64|xlarge|large|intel))?|ubuntu-slim)$/i;

/** Labels every self-hosted runner carries by default; they select an OS or CPU, not a pool. */
const GENERIC = new Set(['self-hosted', 'linux', 'windows', 'macos', 'x64', 'arm', 'arm64']);

export function isHostedLabel(label: string): boolean {
  return HOSTED.test(label);
}

/** GitHub's larger macOS runners (`macos-14-large`, `macos-latest-xlarge`): billed per minute, limited in number. */
export function isLargerHostedLabel(label: string): boolean {
  if (!HOSTED.test(label)) return false;
  const lower = label.toLowerCase();
  return lower.endsWith('-large') || lower.endsWith('-xlarge');
}

export function isGenericLabel(label: string): boolean {
  return GENERIC.has(label.toLowerCase());
}

/** Labels that pick a pool of runners: not `self-hosted`/OS/architecture, not a GitHub-hosted image. */
export function customLabels(labels: readonly string[]): string[] {
  return labels.filter((l) => !isHostedLabel(l) && !isGenericLabel(l));
}

/**
 * Top-level domains a runner's host name ends in: the generic ones, and the names private networks use.
 * Any two-letter country code counts too. Dotted pool labels (`linux.g5.4xlarge.nvidia.gpu`,
 * `linux.aws.h100`) end in something else. Kept in step with `namesOneMachine` of @nospof/jenkins.
 */
const HOST_DOMAINS = new Set(['com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'info', 'biz', 'io', 'dev', 'app', 'cloud', 'ai', 'tech', 'site', 'online', 'local', 'localdomain', 'internal', 'intranet', 'intra', 'lan', 'corp', 'home', 'private', 'priv', 'test', 'example', 'arpa']);

function endsInDomain(label: string): boolean {
  const last = label.slice(label.lastIndexOf('.') + 1).toLowerCase();
  return /^[a-z]+$/.test(last) && (last.length === 2 || HOST_DOMAINS.has(last));
}

/**
 * A label that names one machine: a host name with a domain (`build3.ci.example.com`), an IP address,
 * or a name with a zero-padded number (`build-01`, `mac02`), the way single hosts are numbered.
 */
export function namesOneMachine(label: string): boolean {
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(label)) return true;
  if (/^[a-z][a-z0-9-]*(?:\.[a-z0-9-]+){2,}$/i.test(label) && endsInDomain(label)) return true;
  return /^[a-z][a-z-]*?-?0\d{1,2}$/i.test(label);
}

/**
 * True when the job can only run on self-hosted runners. A label of a hosted runner service (Blacksmith,
 * Depot, RunsOn...) is not: the service starts a fresh machine per job, as GitHub does.
 */
export function isSelfHosted(labels: readonly string[], group: string | undefined): boolean {
  if (labels.some(isHostedLabel) || labels.some((l) => hostedService(l) !== undefined)) return false;
  return group !== undefined || labels.some((l) => l.toLowerCase() === 'self-hosted') || customLabels(labels).length > 0;
}
