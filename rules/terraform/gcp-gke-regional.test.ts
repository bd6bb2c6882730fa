import { ruleTester } from '../test-support/rule-tester.js';
import rule from './gcp-gke-regional.js';
import { withVariants } from './utils/test-variants.js';

const cluster = (location: string, extra = '') => `resource "google_container_cluster" "gke" {\n  location = ${location}\n${extra}}\n`;

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'regional cluster', code: cluster('"europe-west1"') },
      { name: 'zonal with extra node locations', code: cluster('"europe-west1-b"', '  node_locations = ["europe-west1-c"]\n') },
    ],
    invalid: [
      { name: 'zonal cluster', code: cluster('"europe-west1-b"'), errors: [{ messageId: 'zonal', data: { zones: 1 }, line: 2, column: 14 }] },
    ],
  },
  { resource: 'google_container_cluster', attr: 'location', bad: '"us-central1-a"', good: '"us-central1"', messageId: 'zonal' },
));
