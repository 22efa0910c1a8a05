/**
 * The portkeyadmin provider: configuration, the client it builds, and its resources.
 * The HTTP client is loaded on ConfigureProvider, not at start-up: Terraform starts 3–5
 * provider processes per command, several of which never configure.
 */
import type { PortkeyClient } from "../portkey";
import type { SecretRegistry } from "../portkey/redact";
import { attr, defineProvider, type ProviderDefinition } from "./framework";
import { PROVIDER_TYPE } from "./install/address";
import { apiKeyResource } from "./resources/api-key";
import { integrationDataSource } from "./data-sources/integration";
import { integrationModelsDataSource } from "./data-sources/integration-models";
import { providerDataSource } from "./data-sources/provider";
import { userDataSource } from "./data-sources/user";
import { integrationResource } from "./resources/integration";
import { integrationModelsResource } from "./resources/integration-models";
import { integrationWorkspaceAccessResource } from "./resources/integration-workspace-access";
import { configResource } from "./resources/config";
import { providerResource } from "./resources/provider";
import { rateLimitsPolicyResource } from "./resources/rate-limits-policy";
import { usageLimitsPolicyResource } from "./resources/usage-limits-policy";
import { userInviteResource } from "./resources/user-invite";
import { virtualKeyResource } from "./resources/virtual-key";
import { workspaceResource } from "./resources/workspace";
import { workspaceMemberResource } from "./resources/workspace-member";
import {
  apiKeyProblem,
  baseUrlProblem,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  integrationWaitProblem,
  MAX_INTEGRATION_WAIT_SECONDS,
  MAX_RETRIES,
  MAX_TIMEOUT_MS,
  MIN_TIMEOUT_MS,
  maxRetriesProblem,
  resolveProviderSettings,
  timeoutProblem,
} from "./provider-settings";

export { DEFAULT_BASE_URL } from "./provider-settings";

const attributes = {
  api_key: attr
    .string()
    .optional()
    .sensitive()
    .describe("Portkey Admin API key. Default: the PORTKEY_API_KEY environment variable. Printable ASCII without spaces: a key with a line break, a space or a non-ASCII character is refused before anything is sent.")
    .validate((key) => apiKeyProblem(key, "api_key")),
  base_url: attr
    .string()
    .optional()
    .describe(
      `Admin API base URL, ending in /v1. Default: PORTKEY_BASE_URL, else ${DEFAULT_BASE_URL}. https only, except for 127.0.0.1/localhost (the local emulator); no user:password@.`,
    )
    .validate((url) => baseUrlProblem(url, "base_url")),
  max_retries: attr
    .number()
    .optional()
    .describe(`Retries after the first attempt for 429, 5xx and network errors, 0–${MAX_RETRIES}. Default: PORTKEY_MAX_RETRIES (same rules), else ${DEFAULT_MAX_RETRIES}.`)
    .validate(maxRetriesProblem),
  request_timeout_ms: attr
    .number()
    .optional()
    .describe(
      `Timeout of one HTTP attempt, in milliseconds, ${MIN_TIMEOUT_MS}–${MAX_TIMEOUT_MS}. Default: ${DEFAULT_TIMEOUT_MS}. The ceiling is the client's budget for one call (every attempt and wait): a longer attempt could never finish.`,
    )
    .validate(timeoutProblem),
  wait_for_integration_seconds: attr
    .number()
    .optional()
    .describe(
      `How long a resource or data source that needs an integration waits for it to appear, in seconds, 0–${MAX_INTEGRATION_WAIT_SECONDS}, when another stack creating it runs at the same time (e.g. \`cdktf deploy '*'\`: the app's team stacks set 300). Polls one GET every few seconds. Default: PORTKEY_WAIT_FOR_INTEGRATION_SECONDS (same rules), else 0: a missing integration fails at once, naming the stack to deploy first.`,
    )
    .validate(integrationWaitProblem),
};

export function portkeyProvider(secrets: SecretRegistry, env: NodeJS.ProcessEnv = process.env): ProviderDefinition<typeof attributes, PortkeyClient> {
  return defineProvider<typeof attributes, PortkeyClient>({
    typeName: PROVIDER_TYPE,
    schema: { description: "Portkey objects for Claude Code on Vertex AI, through Portkey's Admin API.", attributes },
    secrets,
    configure(config, ctx) {
      // Scrubbed from every log line even when it is refused below (and its trimmed form too).
      for (const key of [config.api_key, env.PORTKEY_API_KEY]) if (key) secrets.add([key, key.trim()]);
      const { settings, problems } = resolveProviderSettings(config, env);
      for (const problem of problems) ctx.diagnostics.error(problem.summary, problem.detail, [problem.attribute]);
      if (!settings) return undefined as unknown as PortkeyClient;
      const { PortkeyClient: Client } = require("../portkey") as typeof import("../portkey");
      return new Client({
        apiKey: settings.apiKey,
        baseUrl: settings.baseUrl,
        maxAttempts: settings.maxRetries + 1,
        timeoutMs: settings.timeoutMs,
        integrationWaitMs: settings.integrationWaitSeconds * 1000,
        logger: ctx.log,
        secrets,
      });
    },
    resources: [
      workspaceResource,
      integrationResource,
      integrationWorkspaceAccessResource,
      integrationModelsResource,
      providerResource,
      configResource,
      apiKeyResource,
      usageLimitsPolicyResource,
      rateLimitsPolicyResource,
      virtualKeyResource,
      userInviteResource,
      workspaceMemberResource,
    ],
    dataSources: [integrationDataSource, integrationModelsDataSource, providerDataSource, userDataSource],
  });
}
