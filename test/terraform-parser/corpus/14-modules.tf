module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.5.1"

  name = "main"
  cidr = "10.0.0.0/16"

  azs             = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  private_subnets = ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]
  public_subnets  = ["10.0.101.0/24", "10.0.102.0/24", "10.0.103.0/24"]

  enable_nat_gateway     = true
  single_nat_gateway     = false
  one_nat_gateway_per_az = true
}

module "db" {
  source = "./modules/database"

  for_each = toset(["orders", "payments"])

  name       = each.key
  subnet_ids = module.vpc.private_subnets
  multi_az   = true

  providers = {
    aws = aws.replica
  }

  depends_on = [module.vpc]
}

module "eks" {
  source          = "terraform-aws-modules/eks/aws"
  cluster_name    = "main"
  cluster_version = "1.29"

  eks_managed_node_groups = {
    default = {
      min_size       = 2
      max_size       = 6
      desired_size   = 3
      instance_types = ["m6i.large", "m5.large"]
      capacity_type  = "ON_DEMAND"
    }
  }
}

moved {
  from = aws_instance.old
  to   = aws_instance.new
}

import {
  to = aws_s3_bucket.logs
  id = "logs-bucket"
}
