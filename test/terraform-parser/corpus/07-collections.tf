locals {
  empty_list = []
  empty_map  = {}
  numbers    = [1, 2, 3,]
  mixed      = ["a", 1, true, null, var.x, [1, [2, [3]]]]
  multiline  = [
    "one",
    "two", # a comment after an element
    "three"
  ]

  tags = {
    Name        = "web"
    "kubernetes.io/cluster/main" = "shared"
    Owner : "platform"
    (var.dynamic_key) = "value"
    42          = "numeric key"
  }

  inline_object = { a = 1, b = 2, c = { d = [1, 2] } }

  newline_separated = {
    first  = 1
    second = 2

    third  = 3
  }

  comma_and_newline = {
    a = 1,
    b = 2,
  }

  nested = {
    network = {
      cidr    = "10.0.0.0/16"
      subnets = ["10.0.1.0/24", "10.0.2.0/24"]
    }
    compute = {
      sizes = { small = "t3.small", large = "m6i.large" }
    }
  }
}
