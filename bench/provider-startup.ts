/**
 * Start-up cost of a bundled provider on its own (also part of `npm run bench`, see bench/index.ts).
 * It bundles src/provider/main.ts afresh, so it measures the source as it is now.
 *
 * Run from the repository root:
 *   npx esbuild bench/provider-startup.ts --bundle --platform=node --external:esbuild --outfile=/tmp/provider-startup.js && NODE_PATH=$PWD/node_modules node /tmp/provider-startup.js
 *
 * Optional: REPS=30 (default 20 per variant, interleaved, after 2 warm-ups each).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleProvider } from "../src/provider/bundle";
import { printResult } from "./support/report";
import { providerStartupBench } from "./startup";

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "provider-startup-"));
  try {
    const provider = join(dir, "terraform-provider-portkeyadmin");
    // The real provider, as `npm run build` bundles it: what Terraform starts 3–5 times per command.
    await bundleProvider(join(process.cwd(), "src/provider/main.ts"), provider);
    const reps = Number(process.env.REPS ?? 20);
    console.log(`spawn → handshake line, ${reps} interleaved repetitions each (node ${process.version})`);
    printResult(await providerStartupBench(provider, reps));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
