resource "aws_db_subnet_group" "main" {
  name       = "${var.name}-db"
  subnet_ids = var.private_subnet_ids
}

resource "aws_db_instance" "primary" {
  identifier              = "${var.name}-primary"
  engine                  = "postgres"
  engine_version          = "15.4"
  instance_class          = var.environment == "prod" ? "db.r6g.large" : "db.t4g.medium"
  allocated_storage       = 100
  max_allocated_storage   = var.environment == "prod" ? 1000 : 200
  multi_az                = var.environment == "prod"
  db_subnet_group_name    = aws_db_subnet_group.main.name
  backup_retention_period = var.environment != "prod" ? 1 : 14
  deletion_protection     = !var.allow_destroy
  skip_final_snapshot     = false
  storage_encrypted       = true
  password                = var.db_password != null ? var.db_password : random_password.db.result

  lifecycle {
    prevent_destroy = true
    ignore_changes  = [password, tags["LastRotated"]]
  }
}

resource "aws_db_instance" "replica" {
  count               = var.read_replicas
  identifier          = format("%s-replica-%02d", var.name, count.index + 1)
  replicate_source_db = aws_db_instance.primary.identifier
  instance_class      = aws_db_instance.primary.instance_class
  availability_zone   = var.zones[(count.index + 1) % length(var.zones)]
}

resource "random_password" "db" {
  length  = 32
  special = true
}
