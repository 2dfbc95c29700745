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

# Created by hand in the org before this configuration existed: a plain create
# of it fails, as every routing object's does.
resource "genesyscloud_routing_queue" "customer_support" {
  name        = "Customer Support"
  description = "First-line support for every business unit"
  division_id = genesyscloud_auth_division.shared_services.id
}

resource "genesyscloud_routing_skill" "language" {
  for_each = toset(var.languages)

  name = each.key
}
