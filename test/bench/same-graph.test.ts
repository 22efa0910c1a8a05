/**
 * The same-config-and-graph floor (issue 17, item 4): every provider resource becomes one
 * `terraform_data` with the same values, and every reference between resources survives, so
 * Terraform's graph is the provider stack's graph.
 */
import { sameGraphStack } from "../../bench/support/same-graph";
import { providerStack } from "../../bench/support/team-set";

/** `from → to` for every reference inside each resource block, by resource address. */
function edges(hcl: string, resource: RegExp, reference: RegExp): Set<string> {
  const out = new Set<string>();
  let current = "";
  for (const line of hcl.split("\n")) {
    const start = resource.exec(line);
    if (start) current = `${start[1]}.${start[2]}`;
    for (const match of line.matchAll(reference)) out.add(`${current} -> ${match[1]}.${match[2]}`);
  }
  return out;
}

describe("sameGraphStack", () => {
  const provider = providerStack(3, "http://127.0.0.1:9/v1");
  const floor = sameGraphStack(provider);

  it("has one terraform_data per provider resource and no provider", () => {
    expect((floor.match(/^resource "terraform_data"/gm) ?? []).length).toBe((provider.match(/^resource "portkeyadmin_/gm) ?? []).length);
    expect(floor).not.toContain("portkeyadmin");
    expect(floor).not.toMatch(/^provider /m);
  });

  it("keeps every reference between resources", () => {
    const original = edges(provider, /^resource "portkeyadmin_(\w+)" "(\w+)"/, /\bportkeyadmin_(\w+)\.(\w+)\.\w+/g);
    const rewritten = edges(floor, /^resource "terraform_data" "(\w+?)_(t\d+|vertex)"/, /\bterraform_data\.(\w+?)_(t\d+|vertex)\.output\.\w+/g);
    expect(original.size).toBeGreaterThan(10);
    expect(rewritten).toEqual(original);
  });

  it("keeps the attribute values", () => {
    expect(floor).toContain("credit_limit   = 50");
    // The interpolation HCL keeps inside the string, written as Terraform sees it.
    expect(floor).toContain(`targets      = [{ provider = "@\${terraform_data.provider_t001.output.slug}" }]`);
  });
});
