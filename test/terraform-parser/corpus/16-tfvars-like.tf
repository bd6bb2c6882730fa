region           = "us-east-1"
environment      = "prod"
instance_count   = 4
single_nat_gateway = false
allowed_cidrs    = ["10.0.0.0/8"]
subnets = {
  a = { cidr = "10.0.1.0/24", zone = "us-east-1a" }
  b = { cidr = "10.0.2.0/24", zone = "us-east-1b", public = true }
}
ratio = 0.5
