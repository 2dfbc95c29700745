variable "business_units" {
  description = "Business units, each with the teams that get a division of their own."
  type = map(object({
    display_name = string
    teams        = map(string)
  }))
  default = {}
}

variable "languages" {
  description = "Language skills agents are routed by."
  type        = list(string)
  default     = []
}
