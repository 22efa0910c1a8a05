/**
 * terraform-provider-portkeyadmin: the program Terraform starts. `--print-schema` prints the
 * provider's schema in `terraform providers schema -json` form (for binding generation).
 */
import { SecretRegistry } from "../portkey/redact";
import { createProviderHandlers } from "./framework";
import { PROVIDER_SOURCE } from "./install/address";
import { portkeyProvider } from "./portkey-provider";
import type { ProviderHandlers } from "./protocol/types";
import { providerSchemaJson } from "./schema-json";
import { serve } from "./transport";

/**
 * The handlers (every resource's schema) are built on the first RPC, after the handshake line:
 * Terraform waits for that line from each of the 3–5 provider processes it starts per command,
 * and building them first cost ~5 ms of a ~40 ms start-up budget (bench/startup.ts).
 */
function builtOnFirstUse(make: () => ProviderHandlers): ProviderHandlers {
  let built: ProviderHandlers | undefined;
  const bound = new Map<string | symbol, unknown>();
  return new Proxy({} as ProviderHandlers, {
    get(_target, name) {
      built ??= make();
      if (!bound.has(name)) {
        const value: unknown = Reflect.get(built, name);
        bound.set(name, typeof value === "function" ? value.bind(built) : value);
      }
      return bound.get(name);
    },
  });
}

async function main(): Promise<void> {
  const secrets = new SecretRegistry();
  const make = () => createProviderHandlers(portkeyProvider(secrets));
  if (process.argv.includes("--print-schema")) {
    process.stdout.write(`${JSON.stringify(providerSchemaJson(PROVIDER_SOURCE, await make().getProviderSchema()), null, 2)}\n`);
    return;
  }
  await serve(builtOnFirstUse(make), { secrets });
}

main().catch((error: unknown) => {
  process.stderr.write(`terraform-provider-portkeyadmin: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
