import { type ClaudeSettings, checkSettings, formatCustomHeaders, renderSettings, SettingsRenderError, toEnvFile, toManagedSettingsJson, type SettingsInput } from "../../src/constructs/settings";

const team: SettingsInput = {
  gatewayUrl: "https://api.portkey.ai",
  apiKey: "pk-team-payments-0123456789",
  routing: { providerSlug: "vertex-payments" },
  metadata: { team: "payments", _user: "ada" },
  models: { sonnet: "claude-sonnet-4-6", default: "sonnet" },
};

const rulesOf = (input: SettingsInput) => {
  try {
    renderSettings(input);
    return [];
  } catch (error) {
    if (error instanceof SettingsRenderError) return error.findings.map((f) => f.rule);
    throw error;
  }
};

describe("rendering Claude Code settings", () => {
  it("renders provider-slug mode: base URL, token, routing and metadata headers, every model slot", () => {
    const { settings, warnings } = renderSettings(team);
    expect(settings).toEqual({
      env: {
        ANTHROPIC_BASE_URL: "https://api.portkey.ai",
        ANTHROPIC_AUTH_TOKEN: "pk-team-payments-0123456789",
        ANTHROPIC_CUSTOM_HEADERS: 'x-portkey-provider: @vertex-payments\nx-portkey-metadata: {"team":"payments","_user":"ada"}',
        ANTHROPIC_DEFAULT_OPUS_MODEL: "claude-opus-5-5",
        ANTHROPIC_DEFAULT_SONNET_MODEL: "claude-sonnet-4-6",
        ANTHROPIC_DEFAULT_HAIKU_MODEL: "claude-haiku-5-5",
      },
      model: "sonnet",
    });
    expect(warnings).toEqual([]);
  });

  it("routes by config slug and adds the optional toggles and trace id", () => {
    const { settings } = renderSettings({ ...team, routing: { configSlug: "pc-paymen-a1b2c3" }, traceId: "onboarding", disableExperimentalBetas: true, disableNonessentialTraffic: true });
    expect(settings.env?.ANTHROPIC_CUSTOM_HEADERS).toContain("x-portkey-config: pc-paymen-a1b2c3");
    expect(settings.env?.ANTHROPIC_CUSTOM_HEADERS).toContain("x-portkey-trace-id: onboarding");
    expect(settings.env?.CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS).toBe("1");
    expect(settings.env?.CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC).toBe("1");
  });

  it("renders the rotation mode with apiKeyHelper and no key in the file", () => {
    const helper = "gcloud secrets versions access latest --secret=portkey-payments";
    const { settings } = renderSettings({ ...team, mode: "api-key-helper", apiKey: undefined, apiKeyHelper: helper });
    expect(settings.apiKeyHelper).toBe(helper);
    expect(JSON.stringify(settings)).not.toContain("pk-team");
    expect(settings.env?.ANTHROPIC_AUTH_TOKEN).toBeUndefined();
  });

  it("renders the legacy Vertex mode only on request, with a warning", () => {
    const { settings, warnings } = renderSettings({ ...team, mode: "legacy-vertex", legacy: { vertexProjectId: "acme-ai", vertexRegion: "us-east5", virtualKey: "vk-pay" } });
    expect(settings.env?.CLAUDE_CODE_USE_VERTEX).toBe("1");
    expect(settings.env?.ANTHROPIC_VERTEX_BASE_URL).toBe("https://api.portkey.ai/v1");
    expect(warnings.map((w) => w.rule)).toEqual(["legacy-vertex-mode"]);
  });

  it("produces managed-settings.json and a shell env file from the same settings", () => {
    const { settings } = renderSettings(team);
    expect(JSON.parse(toManagedSettingsJson(settings))).toEqual(settings);
    const envFile = toEnvFile({ ...settings, env: { ...settings.env, TRICKY: "it's" } });
    expect(envFile).toContain("export ANTHROPIC_BASE_URL='https://api.portkey.ai'");
    expect(envFile).toContain("export TRICKY='it'\\''s'");
    expect(envFile).toContain("export ANTHROPIC_MODEL='sonnet'");
  });
});

describe("the gateway rules (claude-code-gateway.md): rendering refuses to break them", () => {
  it("never renders a base URL ending in /v1", () => {
    expect(rulesOf({ ...team, gatewayUrl: "https://api.portkey.ai/v1" })).toContain("base-url-v1");
  });

  it("rejects header names that are not HTTP tokens and values with line breaks", () => {
    expect(() => renderSettings({ ...team, traceId: "a\nx-portkey-config: evil" })).toThrow(/line break/);
    expect(() => formatCustomHeaders({ "x-portkey trace": "t" })).toThrow(/not an HTTP token/);
    expect(() => formatCustomHeaders({ "x-portkey-trace-id:": "t" })).toThrow(/not an HTTP token/);
    expect(formatCustomHeaders({ "x-portkey-trace-id": "t" })).toBe("x-portkey-trace-id: t");
  });

  it("rejects metadata values longer than 128 characters", () => {
    expect(rulesOf({ ...team, metadata: { note: "x".repeat(129) } })).toContain("bad-metadata");
  });

  it("rejects Anthropic-API dated model IDs and names the @ form", () => {
    expect(() => renderSettings({ ...team, models: { sonnet: "claude-sonnet-4-5-20250929" } })).toThrow(/claude-sonnet-4-5@20250929/);
  });

  it("rejects unknown models unless the escape hatch is set", () => {
    expect(rulesOf({ ...team, models: { opus: "claude-opus-9" } })).toContain("bad-model");
    expect(rulesOf({ ...team, models: { opus: "claude-opus-9" }, allowUnknownModels: true })).toEqual([]);
  });

  it("requires a key in provider-slug mode and a helper in rotation mode", () => {
    expect(rulesOf({ ...team, apiKey: undefined })).toEqual(["missing-input"]);
    expect(rulesOf({ ...team, mode: "api-key-helper" , apiKey: undefined})).toEqual(["missing-input"]);
  });
});

describe("checkSettings on hand-written files (what the doctor sees)", () => {
  const good = renderSettings(team).settings;
  const errorRules = (settings: ClaudeSettings, env: Record<string, string> = {}) =>
    checkSettings(settings, env).filter((f) => f.severity === "error").map((f) => f.rule);

  it("finds nothing wrong in a rendered file", () => {
    expect(errorRules(good)).toEqual([]);
  });

  it("flags CLAUDE_CODE_USE_VERTEX in slug mode, even from the environment", () => {
    expect(errorRules(good, { CLAUDE_CODE_USE_VERTEX: "1" })).toContain("vertex-flag-in-slug-mode");
  });

  it("flags a secret in the custom headers", () => {
    const env = { ...good.env, ANTHROPIC_CUSTOM_HEADERS: `${good.env?.ANTHROPIC_CUSTOM_HEADERS}\nx-portkey-api-key: pk-x` };
    expect(errorRules({ ...good, env })).toContain("secret-in-custom-headers");
  });

  it("flags apiKeyHelper beside a token, and a file with no credential at all", () => {
    expect(errorRules({ ...good, apiKeyHelper: "echo k" })).toContain("helper-beside-token");
    const { ANTHROPIC_AUTH_TOKEN: _dropped, ...env } = good.env ?? {};
    expect(errorRules({ ...good, env })).toContain("no-credential");
  });

  it("flags a missing routing header and a provider slug without @", () => {
    expect(errorRules({ ...good, env: { ...good.env, ANTHROPIC_CUSTOM_HEADERS: "x-portkey-trace-id: t" } })).toContain("no-routing-header");
    expect(errorRules({ ...good, env: { ...good.env, ANTHROPIC_CUSTOM_HEADERS: "x-portkey-provider: vertex" } })).toContain("provider-without-at");
  });

  it("flags an inline config that forwards anthropic-beta to Vertex", () => {
    const config = JSON.stringify({ provider: "@vertex", forward_headers: ["anthropic-beta"] });
    expect(errorRules({ ...good, env: { ...good.env, ANTHROPIC_CUSTOM_HEADERS: `x-portkey-config: ${config}` } })).toContain("anthropic-beta-forwarded");
  });

  it("flags malformed header lines", () => {
    expect(errorRules({ ...good, env: { ...good.env, ANTHROPIC_CUSTOM_HEADERS: "x-portkey-provider: @v\nnot a header" } })).toContain("bad-custom-header");
  });

  it("warns about unset model slots", () => {
    const findings = checkSettings({ env: { ANTHROPIC_BASE_URL: "https://api.portkey.ai", ANTHROPIC_AUTH_TOKEN: "k", ANTHROPIC_CUSTOM_HEADERS: "x-portkey-provider: @v" } });
    expect(findings.filter((f) => f.rule === "model-slot-unset")).toHaveLength(3);
  });
});
