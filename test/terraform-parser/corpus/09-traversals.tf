locals {
  simple       = var.config.network.vpc_id
  indexed      = var.subnets[0]
  string_index = var.tags["Name"]
  expr_index   = var.subnets[count.index]
  computed     = var.matrix[var.row][var.col + 1]
  legacy       = aws_instance.web.0.id
  legacy_list  = var.list.1
  call_result  = element(var.list, 0).name
  paren_attr   = (var.a).b
  tuple_index  = [1, 2, 3][1]
  object_attr  = { a = 1 }.a
  module_out   = module.network.private_subnet_ids
  data_attr    = data.aws_caller_identity.current.account_id
  each_value   = each.value.port
  self_ref     = self.private_ip
  path_module  = "${path.module}/files/config.json"
}
