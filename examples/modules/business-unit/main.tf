variable "unit_name" {
  description = "Display name of the business unit, used as the division name prefix."
  type        = string
}

variable "teams" {
  description = "Team name => division description."
  type        = map(string)
}

resource "genesyscloud_auth_division" "team" {
  for_each = var.teams

  name        = "${var.unit_name} ${each.key}"
  description = each.value
}

output "division_ids" {
  value = { for team, division in genesyscloud_auth_division.team : team => division.id }
}
