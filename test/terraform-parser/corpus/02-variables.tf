variable "region" {
  type        = string
  description = "AWS region to deploy into"
  default     = "eu-west-1"
}

variable "environment" {
  type = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "Environment must be one of dev, staging or prod."
  }
}

variable "vpc_cidr" {
  type    = string
  default = "10.20.0.0/16"
}

variable "single_nat_gateway" {
  type    = bool
  default = false
}

variable "instance_count" {
  type    = number
  default = 3

  validation {
    condition     = var.instance_count >= 2 && var.instance_count <= 12
    error_message = "Run between 2 and 12 instances."
  }
}

variable "subnets" {
  type = map(object({
    cidr   = string
    zone   = string
    public = optional(bool, false)
  }))
  default = {}
}

variable "allowed_cidrs" {
  type      = list(string)
  default   = ["10.0.0.0/8", "172.16.0.0/12"]
  sensitive = false
  nullable  = false
}

variable "db_password" {
  type      = string
  sensitive = true
  default   = null
}

variable "ratio" {
  type    = number
  default = 0.75
}

variable "big" {
  default = 1e3
}

variable "negative" {
  default = -42
}
