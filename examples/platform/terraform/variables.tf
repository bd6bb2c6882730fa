variable "environment" {
  type    = string
  default = "prod"
}

variable "db_instance_class" {
  type    = string
  default = "db.r6g.large"
}

variable "orders_db_multi_az" {
  description = "Run the orders database with a synchronous standby in a second zone."
  type        = bool
  default     = false
}

variable "web_min_size" {
  type    = number
  default = 1
}
