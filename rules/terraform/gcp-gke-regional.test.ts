import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './gcp-gke-regional.js';
import { withVariants } from './utils/test-variants.js';

const cluster = (location: string, extra = '') => `resource "google_container_cluster" "gke" {\n  location = ${location}\n${extra}}\n`;

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'gke module: regional by default', code: hcl`
        module "gke" {
          source     = "terraform-google-modules/kubernetes-engine/google"
          version    = "~> 33.0"
          project_id = "acme"
          region     = "europe-west1"
        }
      ` },
      { name: 'gke module: zonal with nodes in two zones', code: hcl`
        module "gke" {
          source   = "terraform-google-modules/kubernetes-engine/google//modules/private-cluster"
          regional = false
          zones    = ["europe-west1-b", "europe-west1-c"]
        }
      ` },
      { name: 'gke module: unknown zones are not judged', code: hcl`
        module "gke" {
          source   = "terraform-google-modules/kubernetes-engine/google"
          regional = false
          zones    = data.google_compute_zones.available.names
        }
      ` },
      { name: 'gke module: an unknown regional is not judged', code: hcl`
        variable "regional" { type = bool }
        module "gke" {
          source   = "terraform-google-modules/kubernetes-engine/google"
          regional = var.regional
          zones    = ["europe-west1-b"]
        }
      ` },
      { name: 'gke module: another submodule (autopilot, workload identity) is not this cluster module', code: hcl`
        module "wi" {
          source   = "terraform-google-modules/kubernetes-engine/google//modules/workload-identity"
          regional = false
          zones    = ["europe-west1-b"]
        }
      ` },
      { name: 'regional cluster', code: cluster('"europe-west1"') },
      { name: 'zonal with extra node locations', code: cluster('"europe-west1-b"', '  node_locations = ["europe-west1-c"]\n') },
    ],
    invalid: [
      {
        name: 'gke module: zonal in one zone',
        code: hcl`
          module "gke" {
            source   = "terraform-google-modules/kubernetes-engine/google"
            regional = false
            zones    = ["europe-west1-b"]
          }
        `,
        errors: [{ messageId: 'zonal', line: 3, column: 14, data: { location: 'europe-west1-b', zones: 1 } }],
      },
      {
        name: 'gke module: zonal from a tfvars line',
        code: hcl`
          variable "regional" { default = true }
          module "gke" {
            source   = "github.com/terraform-google-modules/terraform-google-kubernetes-engine//modules/beta-private-cluster?ref=v33.0.0"
            regional = var.regional
            zones    = ["us-central1-a"]
          }
        `,
        files: { 'terraform.tfvars': 'regional = false\n' },
        errors: [{ messageId: 'zonal', file: 'terraform.tfvars', line: 1 }],
      },
      { name: 'zonal cluster', code: cluster('"europe-west1-b"'), errors: [{ messageId: 'zonal', data: { zones: 1 }, line: 2, column: 14 }] },
    ],
  },
  { resource: 'google_container_cluster', attr: 'location', bad: '"us-central1-a"', good: '"us-central1"', messageId: 'zonal' },
));
