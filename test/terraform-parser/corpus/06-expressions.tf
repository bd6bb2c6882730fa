locals {
  precedence  = 1 + 2 * 3 - 4 / 2 % 3
  comparisons = var.a < var.b && var.c >= 10 || var.d == "x" && !var.e
  grouped     = (1 + 2) * (3 - (4 / 5))
  negative    = -var.offset
  double_neg  = - - 5
  not_not     = !!var.flag
  neq         = var.a != var.b
  le_gt       = var.x <= 3 || var.y > 7
  nested_cond = var.a ? var.b ? 1 : 2 : var.c ? 3 : 4
  cond_in_op  = (var.enabled ? 2 : 1) + 1
  float       = 3.14159
  exponent    = 2.5e-3
  big_exp     = 6E+2
  truthy      = true
  falsy       = false
  nothing     = null
}
