output "instance_ids" {
  value = aws_instance.web[*].id
}

output "legacy_splat" {
  value = aws_instance.web.*.id
}

output "nested_splat" {
  value = aws_instance.web[*].network_interface[0].private_ip
}

output "attr_splat_then_index" {
  value = aws_instance.web.*.id[0]
}

output "splat_only" {
  value = var.maybe_list[*]
}

output "attr_splat_only" {
  value = var.items.*
}

output "chained" {
  value = module.cluster.nodes[*].disks[*].size
}

output "splat_on_call" {
  value = tolist(var.set)[*].name
}
