/** `us-central1-a` is a zone, `us-central1` a region (Google Cloud location names). */
export function isZone(location: string): boolean {
  return /^[a-z]+-[a-z]+\d+-[a-z]$/.test(location);
}

/** GKE creates regional clusters' node pools in three zones of the region unless node_locations says otherwise. */
export const REGIONAL_DEFAULT_ZONES = 3;
