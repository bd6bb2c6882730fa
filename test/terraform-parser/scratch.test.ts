import { SourceFile } from '@nospof/core';
import { parseHcl } from '../../packages/terraform/src/hcl/index.js';
import { test } from 'vitest';
test('x', () => {
  const r = parseHcl(new SourceFile('a.tf', 'resource "aws_instance" "web" {\n  ami = "ami-${var.x}"\n  count = 2 + 3 * 4\n  tags = { Name = "x", b: [1, 2] }\n}\n# hi\n'));
  console.log(JSON.stringify(r, (k, v) => k === 'range' || k === 'openBrace' || k === 'closeBrace' ? undefined : v, 1));
});
