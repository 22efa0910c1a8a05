/**
 * Who is sending: onboard stamps the developer into the team's `x-portkey-metadata` header as
 * `_user` (issue 15, item 1), so a per-developer budget (a usage-limits policy grouped by
 * `metadata._user`) and the usage report count each developer apart even on a team's shared
 * service key. Portkey takes metadata values as strings of at most 128 characters.
 */
import { execFileSync } from "node:child_process";
import { formatCustomHeaders, parseCustomHeaders } from "../../constructs/settings/custom-headers";
import type { ClaudeSettings } from "../../constructs/settings/types";

export const METADATA_HEADER = "x-portkey-metadata";
const MAX_LENGTH = 128;

export interface Identity {
  readonly user: string;
  /** Where it came from, for the confirmation: `--user`, `kept from your settings`, … */
  readonly source: string;
}

/** Why `value` cannot be a `_user`, or undefined. */
export function identityProblem(value: string): string | undefined {
  if (value.trim() === "") return "is empty";
  if (value.trim() !== value) return "has leading or trailing spaces";
  if (value.length > MAX_LENGTH) return `is ${value.length} characters long; Portkey takes metadata values of at most ${MAX_LENGTH}`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
  if (/[\u0000-\u001f\u007f]/.test(value)) return "contains a control character";
  return undefined;
}

/** The `_user` the settings' metadata header carries, if any. */
export function identityOf(settings: ClaudeSettings): string | undefined {
  const metadata = metadataOf(settings.env?.ANTHROPIC_CUSTOM_HEADERS);
  const user = metadata?._user;
  return typeof user === "string" && user !== "" ? user : undefined;
}

/** The metadata header as an object; undefined when absent or not a JSON object. */
export function metadataOf(customHeaders: string | undefined): Record<string, unknown> | undefined {
  const header = parseCustomHeaders(customHeaders ?? "").headers.find((h) => h.name.toLowerCase() === METADATA_HEADER);
  return header && parseMetadata(header.value);
}

function parseMetadata(value: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export interface IdentitySources {
  /** `--user`. */
  readonly flag?: string;
  /** The settings file onboard is about to replace. */
  readonly existing: ClaudeSettings;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** `git config user.email` (injectable for tests); undefined when git has none. */
  readonly gitEmail?: () => string | undefined;
}

/**
 * `--user`, else the `_user` a previous onboard wrote (re-onboarding keeps it), else the git
 * email, else the OS user; undefined when none is known. Throws an Error naming `--user` when
 * the chosen value is unusable (nothing is written then).
 */
export function chooseIdentity(sources: IdentitySources): Identity | undefined {
  const candidates: Array<[string | undefined, string]> = [
    [sources.flag, "--user"],
    [identityOf(sources.existing), "kept from your settings (a previous onboard)"],
    [(sources.gitEmail ?? (() => gitEmail(sources.cwd, sources.env)))(), "git config user.email"],
    [sources.env.USER ?? sources.env.LOGNAME ?? sources.env.USERNAME, "your OS user name"],
  ];
  for (const [value, source] of candidates) {
    if (value === undefined || (source !== "--user" && value.trim() === "")) continue;
    const problem = identityProblem(value);
    if (problem) {
      throw new Error(`the developer name from ${source} (${JSON.stringify(value.slice(0, 40))}${value.length > 40 ? "…" : ""}) ${problem}. Name yourself with --user <you@example.com> (at most ${MAX_LENGTH} characters, no control characters).`);
    }
    return { user: value, source };
  }
  return undefined;
}

/** `git config --get user.email`, or undefined (no git, no value, slow or failing). */
function gitEmail(cwd: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  try {
    const out = execFileSync("git", ["config", "--get", "user.email"], { cwd, env: env as NodeJS.ProcessEnv, timeout: 2_000, stdio: ["ignore", "pipe", "ignore"], encoding: "utf8" });
    const email = out.trim();
    return email === "" ? undefined : email;
  } catch {
    return undefined;
  }
}

/**
 * The settings with `_user` set in the metadata header (the team's other metadata kept, the
 * header added when the team sends none). Settings without custom headers (no Portkey routing)
 * are returned as they are.
 */
export function stampIdentity(settings: ClaudeSettings, user: string): ClaudeSettings {
  const text = settings.env?.ANTHROPIC_CUSTOM_HEADERS;
  if (text === undefined || text.trim() === "") return settings;
  return withMetadata(settings, (metadata) => ({ ...metadata, _user: user }), true);
}

/** The same settings without `_user` (a managed file is shared: it names nobody). */
export function withoutIdentity(settings: ClaudeSettings): ClaudeSettings {
  if (settings.env?.ANTHROPIC_CUSTOM_HEADERS === undefined) return settings;
  return withMetadata(
    settings,
    ({ _user: _dropped, ...rest }) => (Object.keys(rest).length > 0 ? rest : undefined),
    false,
  );
}

/**
 * The custom headers rebuilt with the metadata header replaced by `change(metadata)` (dropped
 * when it returns undefined); with `addWhenMissing`, a header the team does not send is added.
 */
function withMetadata(settings: ClaudeSettings, change: (metadata: Record<string, unknown>) => Record<string, unknown> | undefined, addWhenMissing: boolean): ClaudeSettings {
  const { headers } = parseCustomHeaders(settings.env?.ANTHROPIC_CUSTOM_HEADERS ?? "");
  const map: Record<string, string> = {};
  let found = false;
  const put = (name: string, metadata: Record<string, unknown>) => {
    const next = change(metadata);
    if (next !== undefined) map[name] = JSON.stringify(next);
  };
  for (const header of headers) {
    if (header.name.toLowerCase() !== METADATA_HEADER) {
      map[header.name] = header.value;
      continue;
    }
    found = true;
    put(header.name, parseMetadata(header.value) ?? {});
  }
  if (!found && addWhenMissing) put(METADATA_HEADER, {});
  return { ...settings, env: { ...settings.env, ANTHROPIC_CUSTOM_HEADERS: formatCustomHeaders(map) } };
}
