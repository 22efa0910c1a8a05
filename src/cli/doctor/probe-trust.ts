/**
 * What doctor will not let a repository decide during `--probe`. Project and local settings
 * come with the folder (a cloned repository can carry both), and Claude Code 2.1.330 honours
 * them as they are: their ANTHROPIC_BASE_URL or proxy gets your key from ~/.claude/settings.json,
 * their apiKeyHelper runs, their env (PATH, NODE_OPTIONS…) reaches your helper. Claude Code
 * would do all that on the first prompt; doctor, which you run to check a setup, does not hand
 * your key to a destination a repository chose, nor run its code, unless told to
 * (`--trust-project-settings`).
 */
import { effectiveSettings, envValues, type EffectiveSettings, type Origin } from "../layers/effective";
import type { SettingsLayer } from "../layers/read";
import { describeOrigin } from "./layer-findings";

const fromRepository = (from: Origin) => from.source === "project" || from.source === "local";

const DESTINATION_ENV = ["ANTHROPIC_BASE_URL", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"];
const CREDENTIAL_ENV = ["ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_API_KEY"];

/** Why the probe must not be sent as things stand, or undefined. */
export function repositoryDestination(effective: EffectiveSettings): string | undefined {
  const destinations = DESTINATION_ENV.flatMap((name) => {
    const value = effective.env[name];
    return value?.value && fromRepository(value.from) ? [{ name, from: value.from }] : [];
  });
  if (destinations.length === 0) return undefined;
  const credentials = CREDENTIAL_ENV.map((name) => effective.env[name]).filter((value) => value?.value && !fromRepository(value.from));
  const helper = effective.apiKeyHelper && !fromRepository(effective.apiKeyHelper.from) ? effective.apiKeyHelper : undefined;
  const yours = credentials[0] ?? helper;
  if (!yours) return undefined;
  const [first] = destinations;
  return (
    `${destinations.map(({ name }) => name).join(", ")} come${destinations.length === 1 ? "s" : ""} from ${describeOrigin(first.from)}, while the key comes from ${describeOrigin(yours.from)}: ` +
    "doctor does not send your key where a repository's file points (Claude Code would). Review that file, then pass --trust-project-settings to probe anyway."
  );
}

/** The environment a helper runs in: the shell and every layer but the repository's. */
export function helperEnvironment(layers: readonly SettingsLayer[], shell: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return envValues(effectiveSettings(layers.filter((layer) => !fromRepository(layer)), shell));
}
