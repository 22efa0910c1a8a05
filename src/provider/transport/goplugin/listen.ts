/**
 * Puts the server on a unix socket in a fresh private temp dir (or a loopback tcp port in
 * PLUGIN_MIN_PORT..PLUGIN_MAX_PORT) and says how to remove what it created.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Transport } from "./env";

export interface Listening {
  readonly network: "unix" | "tcp";
  readonly address: string;
  /** Removes the socket directory (idempotent, synchronous: safe in an "exit" handler). */
  cleanup(): void;
}

export async function listen(server: Server, transport: Transport): Promise<Listening> {
  if (transport.kind === "unix") {
    const dir = mkdtempSync(join(transport.socketParentDir ?? tmpdir(), "tfplugin-"));
    const path = join(dir, "plugin.sock");
    try {
      await listenOn(server, { path });
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return { network: "unix", address: path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  for (let port = transport.minPort; port <= transport.maxPort; port++) {
    try {
      await listenOn(server, { host: "127.0.0.1", port });
      const bound = server.address();
      const actual = typeof bound === "object" && bound ? bound.port : port;
      return { network: "tcp", address: `127.0.0.1:${actual}`, cleanup: () => undefined };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    }
  }
  throw new Error(`no free tcp port in ${transport.minPort}..${transport.maxPort} (PLUGIN_MIN_PORT..PLUGIN_MAX_PORT)`);
}

function listenOn(server: Server, options: { path: string } | { host: string; port: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.listen(options, () => {
      server.off("error", onError);
      resolve();
    });
  });
}
