/** `us-central1-a` is a zone, `us-central1` a region (Google Cloud location names). */
export function isZone(location: string): boolean {
  return /^[a-z]+-[a-z]+\d+-[a-z]$/.test(location);
}

/** GKE creates regional clusters' node pools in three zones of the region unless node_locations says otherwise. */
export const REGIONAL_DEFAULT_ZONES = 3;

/** terraform-google-modules/kubernetes-engine/google and its cluster submodules, which share the same inputs. */
export const GKE_MODULE = 'terraform-google-modules/kubernetes-engine/google';
export const GKE_MODULE_SUBMODULES = [
  '',
  'modules/private-cluster',
  'modules/private-cluster-update-variant',
  'modules/beta-private-cluster',
  'modules/beta-private-cluster-update-variant',
  'modules/beta-public-cluster',
  'modules/beta-public-cluster-update-variant',
] as const;
