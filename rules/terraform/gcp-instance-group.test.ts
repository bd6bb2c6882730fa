import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './gcp-instance-group.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'regional autoscaler floor of three', code: hcl`
        resource "google_compute_region_instance_group_manager" "web" {
          region = "europe-west1"
        }
        resource "google_compute_region_autoscaler" "web" {
          target = google_compute_region_instance_group_manager.web.id
          autoscaling_policy {
            min_replicas = 3
            max_replicas = 10
          }
        }
      ` },
    ],
    invalid: [
      { name: 'zonal group', code: hcl`
        resource "google_compute_instance_group_manager" "web" {
          zone        = "europe-west1-b"
          target_size = 3
        }
      `, errors: [{ messageId: 'zonal', line: 1, column: 1 }] },
      {
        name: 'regional group of one',
        code: hcl`
          resource "google_compute_region_instance_group_manager" "web" {
            target_size = 1
          }
        `,
        output: hcl`
          resource "google_compute_region_instance_group_manager" "web" {
            target_size = 2
          }
        `,
        errors: [{ messageId: 'tooSmall', line: 2, column: 17 }],
      },
      { name: 'autoscaler floor of one', code: hcl`
        resource "google_compute_region_instance_group_manager" "web" {
          region = "europe-west1"
        }
        resource "google_compute_region_autoscaler" "web" {
          target = google_compute_region_instance_group_manager.web.self_link
          autoscaling_policy {
            min_replicas = 1
            max_replicas = 10
          }
        }
      `, errors: [{ messageId: 'tooSmall', data: { count: 1 }, line: 1 }] },
    ],
  },
  { resource: 'google_compute_region_instance_group_manager', attr: 'target_size', bad: '1', good: '2', messageId: 'tooSmall' },
));
