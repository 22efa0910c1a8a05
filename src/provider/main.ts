/**
 * terraform-provider-portkeyadmin: the program Terraform starts. `--print-schema` prints the
 * provider's schema in `terraform providers schema -json` form (for binding generation);
 * `--warm` serves many Terraform runs through TF_REATTACH_PROVIDERS (`claude-vertex-portkey warm`);
 * `--write-code-cache` saves the client chunk's bytecode beside it (`npm run build` runs it).
 */
import { join } from "node:path";
import { SecretRegistry } from "../portkey/redact";
import { createProviderHandlers } from "./framework";
import { CLIENT_CHUNK, PROVIDER_SOURCE } from "./install/address";
import { portkeyProvider } from "./portkey-provider";
import { providerSchemaJson } from "./schema-json";
import { builtOnFirstUse } from "./built-on-first-use";
import { serve } from "./transport";
import { serveWarm } from "./transport/serve-warm";
import { tuneV8 } from "./v8-tuning";

async function main(): Promise<void> {
  const secrets = new SecretRegistry();
  const make = () => createProviderHandlers(portkeyProvider(secrets));
  // Tuned on the first RPC, after the handshake line (loading node:v8 costs ~2 ms of start-up),
  // still before the client chunk and its WebAssembly parser load (ConfigureProvider).
  const tunedThenMake = () => {
    tuneV8("one-command");
    return make();
  };
  if (process.argv.includes("--print-schema")) {
    process.stdout.write(`${JSON.stringify(providerSchemaJson(PROVIDER_SOURCE, await make().getProviderSchema()), null, 2)}\n`);
    return;
  }
  if (process.argv.includes("--write-code-cache")) {
    tuneV8("one-command"); // the flags of the processes that load the chunk
    // Required here: node:vm and the rest stay out of every other process's start-up.
    const { writeCodeCache } = require("./code-cache") as typeof import("./code-cache");
    writeCodeCache(join(__dirname, CLIENT_CHUNK));
    return;
  }
  if (process.argv.includes("--warm")) {
    tuneV8("warm");
    await serveWarm((runSecrets) => createProviderHandlers(portkeyProvider(runSecrets)));
    return;
  }
  await serve(builtOnFirstUse(tunedThenMake), { secrets });
}

main().catch((error: unknown) => {
  process.stderr.write(`terraform-provider-portkeyadmin: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
