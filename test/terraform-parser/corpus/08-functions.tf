locals {
  joined      = join(",", var.list)
  merged      = merge(var.defaults, { extra = true }, local.overrides)
  expanded    = max(var.sizes...)
  concat_exp  = concat(["a"], var.more...)
  nested      = upper(lower(trimspace(var.name)))
  no_args     = timestamp()
  trailing    = format("%s-%s", var.a, var.b,)
  multiline   = coalesce(
    var.explicit_name,
    try(var.config.name, null),
    "default-name",
  )
  lookup_call = lookup(var.amis, var.region, "ami-123456")
  cidr        = cidrsubnet(var.vpc_cidr, 4, count.index)
  can_check   = can(regex("^prod", var.environment))
  tolist_set  = tolist(toset(["b", "a", "b"]))
  ranges      = range(0, 10, 2)
  zipped      = zipmap(["a", "b"], [1, 2])
  flattened   = flatten([for s in var.services : [for p in s.ports : "${s.name}:${p}"]])
}
