/**
 * terraform-provider-portkeyadmin: the program Terraform starts. `--print-schema` prints the
 * provider's schema in `terraform providers schema -json` form (for binding generation).
 */
import { SecretRegistry } from "../portkey/redact";
import { createProviderHandlers } from "./framework";
import { PROVIDER_SOURCE } from "./install/address";
import { portkeyProvider } from "./portkey-provider";
import { providerSchemaJson } from "./schema-json";
import { serve } from "./transport";

async function main(): Promise<void> {
  const secrets = new SecretRegistry();
  const handlers = createProviderHandlers(portkeyProvider(secrets));
  if (process.argv.includes("--print-schema")) {
    process.stdout.write(`${JSON.stringify(providerSchemaJson(PROVIDER_SOURCE, await handlers.getProviderSchema()), null, 2)}\n`);
    return;
  }
  await serve(handlers, { secrets });
}

main().catch((error: unknown) => {
  process.stderr.write(`terraform-provider-portkeyadmin: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
