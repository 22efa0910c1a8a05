/**
 * Start-up cost of a bundled provider: spawn → handshake line on stdout, against a bare
 * `node -e` that prints one line. Target: provider median ≤ 1.3 × bare node median.
 *
 * Run from the repository root:
 *   npx esbuild bench/provider-startup.ts --bundle --platform=node --external:esbuild --outfile=/tmp/provider-startup.js && NODE_PATH=$PWD/node_modules node /tmp/provider-startup.js
 *
 * Optional: REPS=30 (default 20 per variant, interleaved, after 2 warm-ups each).
 *
 * The provider prints its handshake line before loading HTTP/2 (Terraform reads the line and dials
 * meanwhile), so spawn → line is not the whole start-up: the bench also reports spawn → first RPC
 * answered (GetProviderSchema over AutoMTLS), what Terraform waits for.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleProvider } from "../src/provider/bundle";
import { MAGIC_COOKIE_VALUE } from "../src/provider/transport/goplugin/env";
import { createSelfSignedCertificate } from "../src/provider/transport/tls/certificate";
import { GrpcTestClient, parseHandshake } from "../test/provider/transport/grpc-test-client";

const REPS = Number(process.env.REPS ?? 20);
const TARGET_RATIO = 1.3;

interface Started {
  ms: number;
  pid: number;
  line: string;
  stop: () => Promise<void>;
}

/** Spawns `command` and resolves when it has printed its first line. */
function spawnUntilLine(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Started> {
  const t0 = process.hrtime.bigint();
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "ignore"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf("\n");
      if (newline < 0) return;
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      child.stdout.removeAllListeners("data");
      resolve({
        ms,
        pid: child.pid ?? 0,
        line: out.slice(0, newline),
        stop: () => {
          if (child.exitCode === null) child.kill("SIGTERM");
          return exited;
        },
      });
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (!out.includes("\n")) reject(new Error(`${command} exited (${code}) before printing a line`));
    });
  });
}

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (pos - lo);
}
const describe = (name: string, xs: number[]) =>
  `${name.padEnd(34)} median ${median(xs).toFixed(1)} ms  (p25 ${quantile(xs, 0.25).toFixed(1)}, p75 ${quantile(xs, 0.75).toFixed(
    1,
  )}, min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "provider-startup-"));
  try {
    const provider = join(dir, "terraform-provider-portkeyadmin");
    // The real provider, as `npm run build` bundles it: what Terraform starts 3–5 times per command.
    await bundleProvider(join(process.cwd(), "src/provider/main.ts"), provider);
    // Terraform's own client certificate is P-521; generate one the same way.
    const clientCert = createSelfSignedCertificate({ curve: "P-521" });
    const providerEnv = {
      ...process.env,
      TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
      PLUGIN_PROTOCOL_VERSIONS: "5,6",
      PLUGIN_CLIENT_CERT: clientCert.certPem,
    };
    const bareArgs = ["-e", "process.stdout.write('1|6|unix|/tmp/plugin.sock|grpc\\n')"];

    const runProvider = () => spawnUntilLine(provider, [], providerEnv);
    const runBare = () => spawnUntilLine(process.execPath, bareArgs, process.env);

    for (let i = 0; i < 2; i++) {
      await (await runProvider()).stop();
      await (await runBare()).stop();
    }
    const providerMs: number[] = [];
    const bareMs: number[] = [];
    for (let i = 0; i < REPS; i++) {
      const p = await runProvider();
      if (!/^1\|6\|unix\|.+\|grpc\|[A-Za-z0-9+/]+$/.test(p.line)) throw new Error(`unexpected handshake: ${p.line}`);
      providerMs.push(p.ms);
      await p.stop();
      const b = await runBare();
      bareMs.push(b.ms);
      await b.stop();
    }

    // Spawn → first RPC answered, as Terraform sees it: dial, AutoMTLS, GetProviderSchema.
    const firstRpcMs: number[] = [];
    for (let i = 0; i < REPS; i++) {
      const t0 = process.hrtime.bigint();
      const p = await runProvider();
      const client = await GrpcTestClient.connect(parseHandshake(p.line), clientCert);
      const reply = await client.unary("/tfplugin6.Provider/GetProviderSchema", new Uint8Array(0));
      if (reply.status !== 0) throw new Error(`GetProviderSchema failed: ${reply.message}`);
      firstRpcMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      await client.close();
      await p.stop();
    }

    // Resident memory of an idle provider that has served one RPC (HTTP/2 and TLS loaded).
    const rssProbe = await runProvider();
    const probeClient = await GrpcTestClient.connect(parseHandshake(rssProbe.line), clientCert);
    await probeClient.unary("/tfplugin6.Provider/GetProviderSchema", new Uint8Array(0));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${rssProbe.pid}/status`, "utf8"))?.[1];
    await probeClient.close();
    await rssProbe.stop();

    const ratio = median(providerMs) / median(bareMs);
    console.log(`spawn → handshake line, ${REPS} interleaved repetitions each (node ${process.version})`);
    console.log(describe("bundled provider (AutoMTLS, P-256)", providerMs));
    console.log(describe("bare node -e (one line)", bareMs));
    console.log(`ratio ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×): ${ratio <= TARGET_RATIO ? "OK" : "ABOVE TARGET"}`);
    // On a shared machine the medians drift with load; the minima show the quiet-machine cost.
    console.log(`ratio of minima ${(Math.min(...providerMs) / Math.min(...bareMs)).toFixed(2)}×`);
    console.log(describe("provider spawn → first RPC answered", firstRpcMs));
    console.log(`idle provider RSS after one RPC: ${rss ? (Number(rss) / 1024).toFixed(1) : "?"} MiB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
