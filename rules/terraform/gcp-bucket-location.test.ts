import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './gcp-bucket-location.js';

const bucket = (enabled: string, location = '"EU"') => `resource "google_storage_bucket" "data" {\n  location = ${location}\n  versioning {\n    enabled = ${enabled}\n  }\n}\n`;

ruleTester().run(rule, {
  valid: [
    { name: 'versioned multi-region bucket', code: bucket('true') },
    { name: 'unknown', code: bucket('data.x.y.z') },
    { name: 'single region is fine in recommended', code: bucket('true', '"europe-west1"') },
    { name: 'dual-region under strict', options: [{ flagSingleRegion: true }], code: bucket('true', '"EUR4"') },
    { name: 'count = 0', code: bucket('false').replace('{\n  location', '{\n  count = 0\n  location') },
    { name: 'tfvars turns versioning on', code: `variable "v" {\n  default = false\n}\n${bucket('var.v')}`, files: { 'terraform.tfvars': 'v = true\n' } },
  ],
  invalid: [
    { name: 'versioning off', code: bucket('false'), output: bucket('true'), errors: [{ messageId: 'noVersioning', line: 4, column: 15 }] },
    {
      name: 'no versioning block',
      code: hcl`
        resource "google_storage_bucket" "data" {
          location = "EU"
        }
      `,
      output: hcl`
        resource "google_storage_bucket" "data" {
          versioning {
            enabled = true
          }
          location = "EU"
        }
      `,
      errors: [{ messageId: 'noVersioning', line: 1 }],
    },
    { name: 'single region under strict', options: [{ flagSingleRegion: true }], code: bucket('true', '"europe-west1"'), errors: [{ messageId: 'singleRegion', line: 2, column: 14 }] },
    { name: 'from a variable default', code: `variable "v" {\n  default = false\n}\n${bucket('var.v')}`, output: null, errors: [{ messageId: 'noVersioning', line: 2 }] },
    { name: 'tfvars turns it off', code: `variable "v" {\n  default = true\n}\n${bucket('var.v')}`, files: { 'terraform.tfvars': 'v = false\n' }, output: null, errors: [{ messageId: 'noVersioning' }] },
    {
      name: 'passed in by a module call',
      filename: 'modules/bucket/main.tf',
      code: `variable "v" {}\n${bucket('var.v')}`,
      files: { 'main.tf': 'module "b" {\n  source = "./modules/bucket"\n  v      = false\n}\n' },
      output: null,
      errors: [{ messageId: 'noVersioning', file: 'main.tf', line: 3 }],
    },
  ],
});
