# Hash comment at the top
// Double-slash comment
/* Block comment
   spanning lines */

resource "aws_s3_bucket" "logs" { # trailing hash comment
  bucket = "logs-${var.account_id}" // trailing slash comment
  /* inline */ force_destroy = false
  tags = {
    # comment inside an object
    Purpose = "logs" /* after a value */
  }
  versioning = [
    true, // inside a tuple
    /* before an element */ false,
  ]
}

# nospof-ignore terraform/aws-s3-replication -- logs are reproducible
resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id
  versioning_configuration {
    status = "Enabled" # keep history
  }
}
#no space after marker
//
/**/
