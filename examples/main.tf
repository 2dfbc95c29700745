terraform {
  required_version = ">= 1.7"

  required_providers {
    genesyscloud = {
      source  = "mypurecloud/genesyscloud"
      version = "~> 1.84"
    }
  }
}

# Credentials come from GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET
# and GENESYSCLOUD_REGION.
provider "genesyscloud" {}

# The org's built-in division. Declared without `home = true`, the provider would
# POST a second division named "Home" and fail.
resource "genesyscloud_auth_division" "home" {
  name        = "Home"
  description = "Default division"
}

resource "genesyscloud_auth_division" "shared_services" {
  name        = "Shared Services"
  description = "Back office shared by every business unit"
}

module "business_unit" {
  source   = "./modules/business-unit"
  for_each = var.business_units

  unit_name = each.value.display_name
  teams     = each.value.teams
}
