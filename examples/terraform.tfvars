business_units = {
  emea = {
    display_name = "EMEA"
    teams = {
      "Sales"   = "EMEA field and inside sales"
      "Support" = "EMEA customer support"
    }
  }
  apac = {
    display_name = "APAC"
    teams = {
      "Sales"            = "APAC sales"
      "Support – Tier 2" = "APAC escalations"
    }
  }
}

languages = ["English", "French", "Spanish"]
