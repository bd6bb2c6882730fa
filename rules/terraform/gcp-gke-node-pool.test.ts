import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './gcp-gke-node-pool.js';
import { withVariants } from './utils/test-variants.js';

const zonal = 'resource "google_container_cluster" "gke" {\n  location = "europe-west1-b"\n}';

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'gke module: the default pool in a regional cluster has 3 nodes', code: hcl`
        module "gke" {
          source = "terraform-google-modules/kubernetes-engine/google"
          region = "europe-west1"
        }
      ` },
      { name: 'gke module: a pool scaling to zero', code: hcl`
        module "gke" {
          source   = "terraform-google-modules/kubernetes-engine/google"
          regional = false
          zones    = ["europe-west1-b"]
          node_pools = [
            { name = "batch", min_count = 0, max_count = 10 },
          ]
        }
      ` },
      { name: 'gke module: total_min_count of 2 in a zonal cluster', code: hcl`
        module "gke" {
          source   = "terraform-google-modules/kubernetes-engine/google"
          regional = false
          zones    = ["europe-west1-b"]
          node_pools = [
            { name = "web", total_min_count = 2 },
          ]
        }
      ` },
      { name: 'gke module: unknown pools are not judged', code: hcl`
        variable "pools" {}
        module "gke" {
          source     = "terraform-google-modules/kubernetes-engine/google"
          regional   = false
          zones      = ["europe-west1-b"]
          node_pools = var.pools
        }
      ` },
      { name: 'gke module: unknown zones leave the per-zone count unjudged', code: hcl`
        module "gke" {
          source   = "terraform-google-modules/kubernetes-engine/google"
          regional = false
          zones    = data.google_compute_zones.available.names
          node_pools = [
            { name = "web", min_count = 1 },
          ]
        }
      ` },
      { name: 'a scale-to-zero pool (total_min_node_count = 0) is allowed by default', code: hcl`
        resource "google_container_node_pool" "batch" {
          cluster = "gke"
          autoscaling {
            total_min_node_count = 0
            total_max_node_count = 10
          }
        }
      ` },
      { name: 'one node per zone in a regional cluster is three nodes', code: hcl`
        resource "google_container_cluster" "gke" {
          location = "europe-west1"
        }
        resource "google_container_node_pool" "pool" {
          cluster    = google_container_cluster.gke.id
          node_count = 1
        }
      ` },
      { name: 'autoscaling total floor of two', code: hcl`
        resource "google_container_node_pool" "pool" {
          cluster = "gke"
          autoscaling {
            total_min_node_count = 2
            total_max_node_count = 10
          }
        }
      ` },
      { name: 'zones unknown', code: hcl`
        resource "google_container_node_pool" "pool" {
          cluster    = data.google_container_cluster.gke.id
          location   = data.google_container_cluster.gke.location
          node_count = 1
        }
      ` },
    ],
    invalid: [
      {
        name: 'gke module: the default pool in a zonal cluster has one node (default decides: on the module block)',
        code: hcl`
          module "gke" {
            source   = "terraform-google-modules/kubernetes-engine/google"
            regional = false
            zones    = ["europe-west1-b"]
          }
        `,
        errors: [{ messageId: 'tooFewNodes', line: 1, data: { name: 'gke.default-node-pool', count: 1 } }],
      },
      {
        name: 'gke module: a fixed pool of one node per zone in one zone, and auto-repair off',
        code: hcl`
          module "gke" {
            source   = "terraform-google-modules/kubernetes-engine/google//modules/private-cluster"
            regional = true
            region   = "europe-west1"
            node_pools = [
              { name = "web", autoscaling = false, node_count = 1, node_locations = "europe-west1-b" },
              { name = "api", min_count = 1, auto_repair = false },
            ]
          }
        `,
        errors: [
          // On the entry's key that decided, inside the list the caller wrote.
          { messageId: 'tooFewNodes', line: 6, column: 55, data: { name: 'gke.web', count: 1 } },
          { messageId: 'noAutoRepair', line: 7, column: 50, data: { name: 'gke.api' } },
        ],
      },
      { name: 'a scale-to-zero pool with allowScaleToZero off', code: hcl`
        resource "google_container_node_pool" "batch" {
          cluster = "gke"
          autoscaling {
            total_min_node_count = 0
            total_max_node_count = 10
          }
        }
      `, options: [{ min: 2, allowScaleToZero: false }], errors: [{ messageId: 'tooFewNodes', data: { count: 0 }, line: 4 }] },
      {
        name: 'one node in a zonal cluster',
        code: hcl`
          resource "google_container_cluster" "gke" {
            location = "europe-west1-b"
          }
          resource "google_container_node_pool" "pool" {
            cluster    = google_container_cluster.gke.id
            node_count = 1
          }
        `,
        output: hcl`
          resource "google_container_cluster" "gke" {
            location = "europe-west1-b"
          }
          resource "google_container_node_pool" "pool" {
            cluster    = google_container_cluster.gke.id
            node_count = 2
          }
        `,
        errors: [{ messageId: 'tooFewNodes', data: { count: 1 }, line: 6, column: 16 }],
      },
      {
        name: 'autoscaler floor of one per zone in one zone',
        code: hcl`
          resource "google_container_node_pool" "pool" {
            cluster        = "gke"
            node_locations = ["europe-west1-b"]
            autoscaling {
              min_node_count = 1
              max_node_count = 5
            }
          }
        `,
        errors: [{ messageId: 'tooFewNodes', line: 5, column: 22 }],
      },
      {
        name: 'auto-repair off',
        code: hcl`
          resource "google_container_node_pool" "pool" {
            cluster    = "gke"
            location   = "europe-west1"
            node_count = 1
            management {
              auto_repair = false
            }
          }
        `,
        output: hcl`
          resource "google_container_node_pool" "pool" {
            cluster    = "gke"
            location   = "europe-west1"
            node_count = 1
            management {
              auto_repair = true
            }
          }
        `,
        errors: [{ messageId: 'noAutoRepair', line: 6, column: 19 }],
      },
    ],
  },
  { resource: 'google_container_node_pool', attr: 'node_count', bad: '1', good: '2', messageId: 'tooFewNodes', body: 'cluster = google_container_cluster.gke.id', extra: zonal },
));
