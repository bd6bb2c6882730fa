locals {
  heredoc_arg = format(<<-EOT
    name: %%s
    zone: ${var.zone}
  EOT
  , var.name)
  heredoc_list = [<<EOT
first
EOT
  , "second"]
	tabbed = <<-EOT
		tab indented ${var.x}
		  deeper
	EOT
  strip_first_line = <<-EOT
    ${~var.prefix}
      body
    EOT
  directive_lines = <<-EOT
    begin
    %{~ if var.enabled ~}
      enabled
    %{~ endif ~}
    end
  EOT
  adjacent       = "${var.a}${var.b}"
  empty_if       = "%{if var.a}%{endif}"
  else_only      = "%{if var.a}%{else}fallback%{endif}"
  cond_interp    = "${var.big ? "large" : ""} size"
  compare_interp = "${"a" == var.b}"
  comment_in_paren = (1 + # why: offset
    2)
  trailing_comma_object = { a = 1, }
  empty_multiline_object = {
  }
  empty_multiline_tuple = [
  ]
  index_across_lines = var.list[
    0
  ]
  for_then_attr   = { for k, v in var.m : k => v }.name
  for_then_index  = [for x in var.l : x][0]
  negative_float  = -1.5
  comparison      = 1 == 1
  no_args_newline = timestamp(
  )
  conditional_key = { (var.prod ? "primary" : "secondary") = true }
  template_key    = { "${var.prefix}-key" = 1 }
  unicode_value   = ñandú
}

bloque "café" {
  größe = 1
}
