/**
 * Start-up cost of a bundled provider: spawn → handshake line on stdout, against a bare
 * `node -e` that prints one line, interleaved. Target: provider median ≤ 1.3 × bare node median.
 * Also the resident memory of one provider process after its handshake, and what loading the
 * client chunk costs ConfigureProvider with and without its code cache.
 */
import { readFileSync } from "node:fs";
import { MAGIC_COOKIE_VALUE } from "../src/provider/transport/goplugin/env";
import { createSelfSignedCertificate } from "../src/provider/transport/tls/certificate";
import { GrpcTestClient, parseHandshake } from "../test/provider/transport/grpc-test-client";
import { clientLoadFigure } from "./support/client-load";
import { interleave } from "./support/interleave";
import type { BenchResult } from "./support/report";
import { spawnUntilLine } from "./support/spawn-until-line";
import { describeMs, pairedRatio } from "./support/stats";

export const STARTUP_TARGET = 1.3;

export async function providerStartupBench(provider: string, reps: number): Promise<BenchResult> {
  // Terraform's own client certificate is P-521; generate one the same way.
  const clientCert = createSelfSignedCertificate({ curve: "P-521" });
  const providerEnv = { ...process.env, TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: "5,6", PLUGIN_CLIENT_CERT: clientCert.certPem };
  const bareArgs = ["-e", "process.stdout.write('1|6|unix|/tmp/plugin.sock|grpc\\n')"];

  const samples = await interleave(
    {
      provider: async () => {
        const p = await spawnUntilLine(provider, [], providerEnv);
        if (!/^1\|6\|unix\|.+\|grpc\|[A-Za-z0-9+/]+$/.test(p.line)) throw new Error(`unexpected handshake: ${p.line}`);
        await p.stop();
        return p.ms;
      },
      bare: async () => {
        const b = await spawnUntilLine(process.execPath, bareArgs, process.env);
        await b.stop();
        return b.ms;
      },
    },
    { reps, warmups: 2 },
  );

  // The provider prints its handshake before loading HTTP/2 (Terraform dials meanwhile), so the
  // line is not the whole start-up: spawn → first RPC answered is what Terraform waits for.
  const firstRpc = async (): Promise<{ ms: number; rssKb?: string }> => {
    const t0 = process.hrtime.bigint();
    const p = await spawnUntilLine(provider, [], providerEnv);
    const client = await GrpcTestClient.connect(parseHandshake(p.line), clientCert);
    const reply = await client.unary("/tfplugin6.Provider/GetProviderSchema", new Uint8Array(0));
    if (reply.status !== 0) throw new Error(`GetProviderSchema failed: ${reply.message}`);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const rssKb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.pid}/status`, "utf8"))?.[1];
    await client.close();
    await p.stop();
    return { ms, rssKb };
  };
  const rpcSamples: number[] = [];
  let rssKb: string | undefined;
  for (let i = 0; i < reps; i++) {
    const run = await firstRpc();
    rpcSamples.push(run.ms);
    rssKb = run.rssKb;
  }
  const rss = rssKb ? `${(Number(rssKb) / 1024).toFixed(1)} MiB` : "unknown (no /proc)";

  const { ratio, low, high } = pairedRatio(samples.provider, samples.bare);
  const clientLoad = await clientLoadFigure(provider, reps);
  return {
    title: "Provider start-up",
    figures: [
      {
        name: "spawn → handshake: provider vs bare `node -e`",
        ratio,
        target: STARTUP_TARGET,
        detail: `provider ${describeMs(samples.provider)}; bare node ${describeMs(samples.bare)}; per-rep ratio ${low.toFixed(2)}–${high.toFixed(2)}`,
      },
      {
        // On a shared machine the medians drift with load; the minima show the quiet-machine cost.
        name: "spawn → handshake, ratio of minima",
        ratio: Math.min(...samples.provider) / Math.min(...samples.bare),
        detail: `provider min ${Math.min(...samples.provider).toFixed(1)} ms, bare node min ${Math.min(...samples.bare).toFixed(1)} ms`,
      },
      ...(clientLoad ? [clientLoad] : []),
    ],
    notes: [
      `Spawn → first RPC answered (dial, AutoMTLS, GetProviderSchema), no target: ${describeMs(rpcSamples)}.`,
      `Resident memory (VmRSS) of one provider process after serving one RPC: **${rss}**.`,
    ],
  };
}
