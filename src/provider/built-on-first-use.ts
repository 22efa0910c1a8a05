import type { ProviderHandlers } from "./protocol/types";

/**
 * The handlers (every resource's schema) are built on the first RPC, after the handshake line:
 * Terraform waits for that line from each of the 3–5 provider processes it starts per command,
 * and building them first cost ~5 ms of a ~40 ms start-up budget (bench/startup.ts).
 */
export function builtOnFirstUse(make: () => ProviderHandlers): ProviderHandlers {
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
