/**
 * The fair floor of issue 17: the provider's stack rewritten so that every `portkeyadmin_*`
 * resource is a `terraform_data` whose `input` holds the same attribute values and the same
 * references, so Terraform walks the same configuration and dependency graph with no provider
 * at all. What the provider computes and other resources reference (`id`, `slug`) is given as
 * a fixed placeholder in the input, so references resolve the same way.
 *
 * Works on the HCL that team-set.ts generates (one attribute or block per line, a resource's
 * closing brace alone in column 0): not a general HCL rewriter.
 */

/** `portkeyadmin_provider.t000.slug` → `terraform_data.provider_t000.output.slug`. */
const REFERENCE = /\bportkeyadmin_(\w+)\.(\w+)\.(\w+)/g;
/** Computed attributes other resources reference. */
const COMPUTED = ["id", "slug"] as const;

export function sameGraphStack(providerHcl: string): string {
  const out: string[] = [];
  const lines = providerHcl.split("\n");
  let index = 0;
  // Drop the terraform{} and provider{} blocks: the floor needs no provider.
  while (index < lines.length) {
    const line = lines[index];
    const resource = /^resource "portkeyadmin_(\w+)" "(\w+)" \{$/.exec(line);
    if (/^(terraform|provider "portkeyadmin") \{$/.test(line)) {
      index = skipBlock(lines, index);
      continue;
    }
    if (!resource) {
      if (line.trim() !== "") out.push(line.replace(REFERENCE, rewrite));
      index++;
      continue;
    }
    const [, type, label] = resource;
    const end = lines.indexOf("}", index);
    const body = lines.slice(index + 1, end);
    const given = new Set(body.map((l) => /^\s*(\w+)\s*=/.exec(l)?.[1]).filter(Boolean));
    out.push(`resource "terraform_data" "${type}_${label}" {`, "  input = {");
    for (const attribute of body) out.push(`  ${attribute.replace(REFERENCE, rewrite)}`);
    for (const name of COMPUTED) if (!given.has(name)) out.push(`    ${name} = "${type}-${label}-${name}"`);
    out.push("  }", "}");
    index = end + 1;
  }
  return `${out.join("\n")}\n`;
}

function rewrite(_match: string, type: string, label: string, attribute: string): string {
  return `terraform_data.${type}_${label}.output.${attribute}`;
}

function skipBlock(lines: readonly string[], start: number): number {
  let depth = 0;
  for (let index = start; index < lines.length; index++) {
    depth += (lines[index].match(/\{/g) ?? []).length - (lines[index].match(/\}/g) ?? []).length;
    if (depth === 0) return index + 1;
  }
  return lines.length;
}
