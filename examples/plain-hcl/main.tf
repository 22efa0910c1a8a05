# One team's Portkey objects in plain HCL (Terraform >= 1.11 or OpenTofu), with the portkeyadmin
# provider installed from its mirror: see the README section "The provider without cdktf".
terraform {
  required_version = ">= 1.11"
  required_providers {
    portkeyadmin = { source = "terraform.local/claude-vertex-portkey/portkeyadmin", version = "0.1.0" }
  }
}

# The admin key comes from PORTKEY_API_KEY; base_url defaults to https://api.portkey.ai/v1.
provider "portkeyadmin" {}

variable "integration_slug" {
  description = "The Vertex AI integration the platform team created (Portkey → Integrations)."
  type        = string
}

resource "portkeyadmin_workspace" "payments" {
  name     = "payments"
  metadata = { team = "payments" }
}

resource "portkeyadmin_integration_workspace_access" "payments" {
  integration_slug        = var.integration_slug
  workspace_id            = portkeyadmin_workspace.payments.id
  usage_limits            = [{ type = "cost", credit_limit = 500, periodic_reset = "monthly" }]
  create_default_provider = false
}

resource "portkeyadmin_provider" "payments" {
  name           = "payments-vertex"
  slug           = "payments-vertex"
  integration_id = var.integration_slug
  workspace_id   = portkeyadmin_workspace.payments.id
  depends_on     = [portkeyadmin_integration_workspace_access.payments]
}

resource "portkeyadmin_api_key" "claude_code" {
  name         = "payments-claude-code"
  type         = "workspace"
  sub_type     = "service"
  workspace_id = portkeyadmin_workspace.payments.id
}

output "provider_slug" {
  value = portkeyadmin_provider.payments.slug
}

output "api_key" {
  value     = portkeyadmin_api_key.claude_code.key
  sensitive = true
}
