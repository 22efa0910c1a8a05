/**
 * The compiled provider modules (dist/src/provider) and the built client chunk, for benchmarks
 * that set up a fresh Node the way a provider process is set up.
 */
import { dirname, join } from "node:path";
import { bundledProviderPath, CLIENT_CHUNK } from "../../src/provider/install";

/** A compiled module of src/provider, e.g. `v8-tuning.js`, seen from dist/bench/support. */
export const builtProviderModule = (file: string): string => join(__dirname, "..", "..", "src", "provider", file);

/** The client chunk beside a bundled provider. */
export const clientChunkBeside = (providerPath: string = bundledProviderPath()): string => join(dirname(providerPath), CLIENT_CHUNK);
