locals {
  upper_names = [for n in var.names : upper(n)]
  with_index  = [for i, n in var.names : "${i}:${n}"]
  filtered    = [for s in var.subnets : s.id if s.public]
  to_map      = { for s in var.subnets : s.name => s.id }
  key_value   = { for k, v in var.tags : lower(k) => v if v != "" }
  grouped     = { for inst in var.instances : inst.az => inst.id... }
  grouped_if  = { for inst in var.instances : inst.az => inst.id... if inst.healthy }

  multiline = {
    for name, cfg in var.services :
    name => {
      port     = cfg.port
      replicas = max(cfg.replicas, 2)
    }
    if cfg.enabled
  }

  nested = [
    for az in var.zones : [
      for i in range(var.per_zone) : "${az}-${i}"
    ]
  ]
}
