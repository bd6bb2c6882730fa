resource "aws_launch_template" "web" {
  name_prefix   = "shop-web-"
  image_id      = "ami-0abcdef1234567890"
  instance_type = "m7g.large"
}

resource "aws_autoscaling_group" "web" {
  name                = "shop-web-${var.environment}"
  min_size            = var.web_min_size
  max_size            = 6
  desired_capacity    = 2
  vpc_zone_identifier = [module.vpc.private_subnets[0]]

  launch_template {
    id      = aws_launch_template.web.id
    version = "$Latest"
  }
}
