/**
 * Provider blocks. Reusable constructs never create providers (cdktf-notes.md), so each stack
 * adds the ones its resources need: portkeyadmin always (admin URL from the teams file, the admin
 * key from PORTKEY_API_KEY at run time, never in the JSON), and google/time when a construct put
 * resources of those providers in the stack (found by walking the stack after it is built, so a
 * construct that starts using Secret Manager needs no change here).
 */
import { GoogleProvider } from "@cdktf/provider-google/lib/provider";
import { TerraformDataSource, TerraformProvider, TerraformResource, type TerraformStack } from "cdktf";
import type { TeamsConfig } from "../config";
import { PortkeyadminProvider } from "../../src/constructs/l1/portkeyadmin/provider";
import { TimeProvider } from "../../src/constructs/l1/time/time-provider";

/**
 * How long a team stack waits for the platform's integrations: `cdktf deploy '*'` and
 * `cdktf deploy platform 'team-*'` run the stacks side by side (they share no state, so cdktf
 * knows no order), and on a new organisation the platform may still be creating them.
 */
export const TEAM_INTEGRATION_WAIT_SECONDS = 300;

export function addPortkeyProvider(stack: TerraformStack, config: TeamsConfig, options: { readonly waitForIntegrationSeconds?: number } = {}): PortkeyadminProvider {
  // No apiKey: the provider reads PORTKEY_API_KEY when terraform runs.
  return new PortkeyadminProvider(stack, "portkeyadmin", { baseUrl: config.portkey.base_url, waitForIntegrationSeconds: options.waitForIntegrationSeconds });
}

/** Provider names (`google`, `time`, …) of the stack's resources and data sources. */
export function providersUsed(stack: TerraformStack): Set<string> {
  const names = new Set<string>();
  for (const child of stack.node.findAll()) {
    if (child instanceof TerraformResource || child instanceof TerraformDataSource) {
      const name = child.terraformGeneratorMetadata?.providerName ?? child.terraformResourceType.split("_")[0];
      names.add(name);
    }
  }
  return names;
}

/** Add the google and time provider blocks the stack's resources need and it lacks. */
export function addMissingProviders(stack: TerraformStack, config: TeamsConfig): void {
  const present = new Set(
    stack.node
      .findAll()
      .filter((c): c is TerraformProvider => c instanceof TerraformProvider)
      .map((p) => p.terraformResourceType),
  );
  const used = providersUsed(stack);
  if (used.has("google") && !present.has("google")) new GoogleProvider(stack, "google", { project: config.gcp.project_id });
  if (used.has("time") && !present.has("time")) new TimeProvider(stack, "time");
}
