module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.0"

  name = "shop-${var.environment}"
  cidr = "10.20.0.0/16"
  azs  = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]

  private_subnets = ["10.20.1.0/24", "10.20.2.0/24", "10.20.3.0/24"]
  public_subnets  = ["10.20.101.0/24", "10.20.102.0/24", "10.20.103.0/24"]

  enable_nat_gateway = true
  # One NAT gateway for three zones: when eu-west-1a fails, every private subnet loses egress.
  single_nat_gateway = true
}

resource "aws_lb" "web" {
  name               = "shop-web-${var.environment}"
  load_balancer_type = "application"
  subnets            = module.vpc.public_subnets
  security_groups    = [aws_security_group.web.id]
}

resource "aws_security_group" "web" {
  name   = "shop-web"
  vpc_id = module.vpc.vpc_id
}
