/**
 * The generated PortkeyadminWorkspace binding as a stack author uses it: camelCase props become
 * the provider's snake_case attributes, every input takes tokens, and computed attributes are
 * Terraform references.
 */
import "cdktf/lib/testing/adapters/jest";
import { Fn, TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from "cdktf";
import { PortkeyadminProvider, PortkeyadminWorkspace } from "../../../src/constructs/l1/portkeyadmin";
import { PROVIDER_SOURCE, providerVersion } from "../../../src/provider/install";

Testing.setupJest();

function stackWithProvider() {
  const stack = new TerraformStack(Testing.app(), "platform");
  new PortkeyadminProvider(stack, "portkey", { baseUrl: "https://portkey.example.com/v1", maxRetries: 2 });
  return stack;
}

describe("PortkeyadminWorkspace (generated L1)", () => {
  it("maps camelCase props to snake_case attributes, keeping the user's map keys", () => {
    const stack = stackWithProvider();
    new PortkeyadminWorkspace(stack, "payments", {
      name: "payments",
      forceDelete: false,
      metadata: { costCenter: "cc-42" },
      usageLimits: [{ type: "cost", creditLimit: 500, alertThreshold: 400, periodicReset: "monthly" }],
    });
    const json = Testing.synth(stack);
    expect(json).toHaveResourceWithProperties(PortkeyadminWorkspace, {
      name: "payments",
      force_delete: false,
      metadata: { costCenter: "cc-42" },
      usage_limits: [{ type: "cost", credit_limit: 500, alert_threshold: 400, periodic_reset: "monthly" }],
    });
    expect(JSON.parse(json).resource.portkeyadmin_workspace.payments).not.toHaveProperty("rate_limits");
  });

  it("configures the provider by its local source address and the package's version", () => {
    const json = JSON.parse(Testing.synth(stackWithProvider()));
    expect(json.provider.portkeyadmin).toEqual([{ base_url: "https://portkey.example.com/v1", max_retries: 2 }]);
    expect(json.terraform.required_providers.portkeyadmin).toEqual({ source: PROVIDER_SOURCE, version: providerVersion() });
  });

  it("supports a second, aliased provider configuration that resources can choose", () => {
    const stack = stackWithProvider();
    const eu = new PortkeyadminProvider(stack, "portkey-eu", { alias: "eu", baseUrl: "https://eu.portkey.example.com/v1" });
    new PortkeyadminWorkspace(stack, "payments", { name: "payments", provider: eu });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.provider.portkeyadmin).toContainEqual({ alias: "eu", base_url: "https://eu.portkey.example.com/v1" });
    expect(json.resource.portkeyadmin_workspace.payments.provider).toBe("portkeyadmin.eu");
    expect(Testing.synthHcl(stack)).toContain('alias = "eu"');
  });

  it("accepts tokens for every kind of input, and exposes computed attributes as references", () => {
    const stack = stackWithProvider();
    const budget = new TerraformVariable(stack, "budget", { type: "number" });
    const limits = new TerraformVariable(stack, "rate_limits", { type: "list(object({ type = string, unit = string, value = number }))" });
    const platform = new PortkeyadminWorkspace(stack, "platform", { name: "platform" });
    new PortkeyadminWorkspace(stack, "payments", {
      name: `payments-of-${platform.slug}`,
      description: platform.id,
      forceDelete: platform.forceDelete,
      metadata: platform.metadata,
      rateLimits: Token.asAny(limits.value),
      usageLimits: [{ type: "cost", creditLimit: budget.numberValue }],
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(PortkeyadminWorkspace, {
      name: `payments-of-\${portkeyadmin_workspace.platform.slug}`,
      description: `\${portkeyadmin_workspace.platform.id}`,
      force_delete: `\${portkeyadmin_workspace.platform.force_delete}`,
      metadata: `\${portkeyadmin_workspace.platform.metadata}`,
      rate_limits: `\${var.rate_limits}`,
      usage_limits: [{ type: "cost", credit_limit: `\${var.budget}` }],
    });
  });

  it("returns nested attributes as one token that Terraform functions can index", () => {
    const stack = stackWithProvider();
    const workspace = new PortkeyadminWorkspace(stack, "payments", { name: "payments" });
    expect(Token.isUnresolved(workspace.usageLimits)).toBe(true);
    new TerraformOutput(stack, "first_budget", { value: Fn.element(workspace.usageLimits, 0) });
    new TerraformOutput(stack, "created_at", { value: workspace.createdAt });
    expect(JSON.parse(Testing.synth(stack)).output).toEqual({
      first_budget: { value: `\${element(portkeyadmin_workspace.payments.usage_limits, 0)}` },
      created_at: { value: `\${portkeyadmin_workspace.payments.created_at}` },
    });
  });

  it("renders nested attributes as attributes, not blocks, with `synth --hcl`", () => {
    const stack = stackWithProvider();
    new PortkeyadminWorkspace(stack, "payments", { name: "payments", rateLimits: [{ type: "requests", unit: "rpm", value: 600 }] });
    const hcl = Testing.synthHcl(stack);
    expect(hcl).toMatch(/rate_limits = \[\s*\{\s*type = "requests"\s*unit = "rpm"\s*value = 600\s*\}/);
    expect(hcl).not.toMatch(/rate_limits \{/);
  });
});
