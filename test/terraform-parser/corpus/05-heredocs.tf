resource "aws_instance" "bastion" {
  ami           = data.aws_ami.ubuntu.id
  instance_type = "t3.micro"

  user_data = <<EOF
#!/bin/bash
set -euo pipefail
echo "Region: ${var.region}"
echo "Literal: $${HOME}"
    indented line stays
EOF

  tags = {
    Name = "bastion"
  }
}

resource "aws_iam_policy" "read_only" {
  name   = "read-only"
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": ["s3:GetObject"],
          "Resource": "${aws_s3_bucket.data.arn}/*"
        }
      ]
    }
    POLICY
}

locals {
  script = <<-EOT
    %{ for host in var.hosts ~}
    server ${host}:8080
    %{ endfor ~}

      deeper ${var.x}
  EOT

  banner = <<BANNER
  keep   all   spacing
BANNER

  empty_heredoc = <<EOT
EOT
}
