resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = var.vpc_id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port       = 80
    to_port         = 80
    protocol        = "tcp"
    security_groups = [aws_security_group.lb.id]
  }

  dynamic "egress" {
    for_each = var.egress_rules
    iterator = rule

    content {
      from_port   = rule.value.from
      to_port     = rule.value.to
      protocol    = rule.value.protocol
      cidr_blocks = rule.value.cidrs
    }
  }

  lifecycle { create_before_destroy = true }
  timeouts {}
}

bare_labels first second {
  value = 1
}

mixed "quoted" bare {
  value = 2
}

settings { one_line = "yes" }

empty_block {
}
