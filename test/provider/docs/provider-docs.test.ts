/**
 * docs/provider-resources.md is rendered from the provider's schema: a changed attribute or
 * description without regenerating the docs fails here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderProviderDocs } from "../../../src/provider/docs/render-docs";
import { DOCS_FILE, expectedProviderDocs } from "../../../src/provider/docs/write-docs";

describe("the provider reference in docs/", () => {
  it("matches the provider's schema (regenerate with `npm run build && npm run docs:provider`)", async () => {
    const committed = readFileSync(join(__dirname, "../../..", DOCS_FILE), "utf8");
    expect(committed).toBe(await expectedProviderDocs());
  });

  it("lists every resource and marks secrets as sensitive or write-only", async () => {
    const docs = await expectedProviderDocs();
    for (const resource of ["workspace", "integration", "integration_workspace_access", "integration_models", "provider", "config", "api_key", "usage_limits_policy", "rate_limits_policy", "virtual_key"]) {
      expect(docs).toContain(`## Resource \`portkeyadmin_${resource}\``);
    }
    expect(docs).toMatch(/\| `key` \| string \| computed, sensitive \|/);
    expect(docs).toMatch(/\| `service_account_json` \| string \| [a-z, ]*write-only/);
  });

  it("renders nested attributes with their parent's path and escapes table characters", () => {
    const docs = renderProviderDocs({
      provider_schemas: {
        "terraform.local/x/demo": {
          provider: { block: {} },
          resource_schemas: {
            demo_thing: {
              block: {
                description: "A thing.",
                attributes: {
                  limits: { nested_type: { nesting_mode: "list", attributes: { value: { type: "number", required: true, description: "a | b" } } }, optional: true },
                },
              },
            },
          },
        },
      },
    });
    expect(docs).toContain("| `limits` | list of objects | optional |");
    expect(docs).toContain("| `limits.value` | number | required | a \\| b |");
  });
});
