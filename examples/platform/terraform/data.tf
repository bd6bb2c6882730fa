resource "aws_db_instance" "orders" {
  identifier              = "orders-${var.environment}"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = var.db_instance_class
  allocated_storage       = 100
  multi_az                = var.orders_db_multi_az
  backup_retention_period = 14
  username                = "orders"
  manage_master_user_password = true
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions-${var.environment}"
  description                = "Session store"
  node_type                  = "cache.r6g.large"
  engine                     = "redis"
  num_cache_clusters         = 2
  automatic_failover_enabled = false
  multi_az_enabled           = false
}

resource "aws_s3_bucket" "invoices" {
  bucket = "shop-invoices-${var.environment}"
}

resource "aws_s3_bucket_versioning" "invoices" {
  bucket = aws_s3_bucket.invoices.id
  versioning_configuration {
    status = "Enabled"
  }
}
