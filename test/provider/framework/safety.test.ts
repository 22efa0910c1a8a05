/**
 * What the framework guarantees around resource code: the schema Terraform sees, validation
 * with attribute paths, self-checked invariants, scrubbed secrets and clear misuse errors.
 */
import { SecretRegistry } from "../../../src/portkey/redact";
import { type CtyObjectValue, unknown } from "../../../src/provider/cty";
import { attr, createProviderHandlers, defineProvider } from "../../../src/provider/framework";
import type { ProviderHandlers } from "../../../src/provider/protocol/types";
import { signal, summarize, TerraformLike, terraform111 } from "./fixtures/terraform-like";
import { WidgetStore, widgetProvider } from "./fixtures/widget-provider";

const TYPE = "fake_widget";
const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ""), "hex"));

function widgetConfig(values: CtyObjectValue): CtyObjectValue {
  const empty = { id: null, name: null, region: null, size: null, revision: null, created_at: null, api_token: null };
  return { ...empty, labels: null, ports: null, owners: null, ...values };
}

async function configured(secrets = new SecretRegistry(), token: string | null = null) {
  const store = new WidgetStore();
  const handlers = widgetProvider(store, secrets);
  const provider = new TerraformLike(handlers, (await handlers.getProviderSchema()).provider);
  const answer = await handlers.configureProvider(
    { terraformVersion: "1.11.4", config: provider.value({ endpoint: null, token }), clientCapabilities: terraform111 },
    signal,
  );
  expect(answer.diagnostics).toEqual([]);
  return { store, handlers, tf: await TerraformLike.forResource(handlers, TYPE) };
}

async function planCreate(tf: TerraformLike, config: CtyObjectValue) {
  return tf.handlers.planResourceChange(
    {
      typeName: TYPE,
      priorState: tf.value(null),
      proposedNewState: tf.value(config),
      config: tf.value(config),
      priorPrivate: new Uint8Array(),
      clientCapabilities: terraform111,
    },
    signal,
  );
}

async function applyCreate(tf: TerraformLike, config: CtyObjectValue) {
  const plan = await planCreate(tf, config);
  return tf.handlers.applyResourceChange(
    { typeName: TYPE, priorState: tf.value(null), plannedState: plan.plannedState, config: tf.value(config), plannedPrivate: new Uint8Array() },
    signal,
  );
}

describe("the schema Terraform sees", () => {
  it("announces plan_destroy and optional GetProviderSchema", async () => {
    const handlers = widgetProvider(new WidgetStore(), new SecretRegistry());
    expect((await handlers.getProviderSchema()).serverCapabilities).toEqual({
      planDestroy: true,
      getProviderSchemaOptional: true,
      moveResourceState: false,
    });
    expect((await handlers.getMetadata()).resources).toEqual([{ typeName: TYPE }]);
  });

  it("flags sensitive and write-only attributes, with descriptions and modes", async () => {
    const schema = (await widgetProvider(new WidgetStore(), new SecretRegistry()).getProviderSchema()).resourceSchemas[TYPE];
    const byName = Object.fromEntries((schema?.block.attributes ?? []).map((a) => [a.name, a]));
    expect(byName.api_token).toMatchObject({ sensitive: true, writeOnly: true, optional: true, computed: false });
    expect(byName.id).toMatchObject({ computed: true, optional: false, required: false, description: "Identifier assigned by the store." });
    expect(byName.size).toMatchObject({ optional: true, computed: true });
    expect(Buffer.from(byName.labels?.type ?? []).toString()).toBe('["map","string"]');
    expect(byName.ports?.nestedType?.nesting).toBe("list");
    expect(byName.owners?.nestedType?.attributes.map((a) => a.name)).toEqual(["email", "role"]);
    expect(schema?.version).toBe(1);
  });

  it("rejects builder misuse when the provider is built, naming the attribute", () => {
    const build = (attributes: Parameters<typeof defineProvider>[0]["schema"]["attributes"]) => () =>
      createProviderHandlers(
        defineProvider({
          typeName: "bad",
          schema: { description: "", attributes },
          configure: () => ({}),
          resources: [],
          secrets: new SecretRegistry(),
        }),
      );
    expect(build({ name: attr.string() })).toThrow('attribute "name" needs a mode');
    expect(build({ size: attr.number().optional().default(1) })).toThrow("needs .optionalComputed()");
    expect(build({ key: attr.string().computed().writeOnly() })).toThrow("write-only, so it cannot be computed");
  });

  it("refuses resource attributes named like Terraform meta-arguments", () => {
    const handlers = () =>
      createProviderHandlers(
        defineProvider({
          typeName: "bad",
          schema: { description: "", attributes: {} },
          configure: () => ({}),
          resources: [
            {
              typeName: "bad_thing",
              schema: { description: "", attributes: { count: attr.number().computed() } },
              create: async () => ({}),
              read: async () => null,
              update: async () => ({}),
              delete: async () => undefined,
            },
          ],
          secrets: new SecretRegistry(),
        }),
      );
    expect(handlers).toThrow('resource bad_thing: attribute "count" is a Terraform meta-argument name');
  });
});

describe("validation", () => {
  async function validate(handlers: ProviderHandlers, tf: TerraformLike, config: CtyObjectValue, capabilities = terraform111) {
    const answer = await handlers.validateResourceConfig({ typeName: TYPE, config: tf.value(config), clientCapabilities: capabilities }, signal);
    return summarize(answer.diagnostics);
  }

  it("reports zod and function validators at the attribute's path", async () => {
    const { handlers, tf } = await configured();
    const config = widgetConfig({ name: "No", ports: [{ number: 80, protocol: null }, { number: 70000, protocol: null }] });
    const answer = await handlers.validateResourceConfig({ typeName: TYPE, config: tf.value(config), clientCapabilities: terraform111 }, signal);
    expect(summarize(answer.diagnostics)).toEqual([
      { severity: "error", summary: "Invalid value for name", path: "name" },
      { severity: "error", summary: "Invalid value for name", path: "name" },
      { severity: "error", summary: "Invalid value for ports[1].number", path: "ports[1].number" },
    ]);
    expect(answer.diagnostics.map((d) => d.detail)).toEqual([
      "name must have at least 3 characters",
      "use lowercase letters and dashes",
      "port 70000 is outside 1-65535",
    ]);
  });

  it("runs the resource's own cross-attribute check", async () => {
    const { handlers, tf } = await configured();
    expect(await validate(handlers, tf, widgetConfig({ name: "red", region: "mars", size: 1 }))).toEqual([
      { severity: "error", summary: "Too small for mars", path: "size" },
    ]);
  });

  it("skips values that are not known yet, such as Terraform 1.11's refined unknown", async () => {
    const { handlers } = await configured();
    // {"name": <unknown, not null>, …every other attribute nil}: written by hand.
    const names = ["api_token", "created_at", "id", "labels", "name", "owners", "ports", "region", "revision", "size"];
    const parts = names.map((n) => Buffer.concat([Buffer.from([0xa0 | n.length]), Buffer.from(n), n === "name" ? hex("c7 03 0c 81 01 c2") : hex("c0")]));
    const config = { msgpack: Uint8Array.from(Buffer.concat([Buffer.from([0x80 | names.length]), ...parts])) };
    const answer = await handlers.validateResourceConfig({ typeName: TYPE, config, clientCapabilities: terraform111 }, signal);
    expect(answer.diagnostics).toEqual([]);
  });

  it("rejects numbers a JS number cannot hold, rather than losing digits", async () => {
    const { handlers, tf } = await configured();
    expect(await validate(handlers, tf, widgetConfig({ name: "red", size: 9007199254740993n }))).toEqual([
      { severity: "error", summary: "Number out of range for size", path: "size" },
    ]);
  });

  it("refuses write-only values when the Terraform client cannot keep them out of state", async () => {
    const { handlers, tf } = await configured();
    const old = { deferralAllowed: false, writeOnlyAttributesAllowed: false };
    expect(await validate(handlers, tf, widgetConfig({ name: "red", api_token: "tok-123456" }), old)).toEqual([
      { severity: "error", summary: "Write-only attribute api_token is not supported by this Terraform", path: "api_token" },
    ]);
    const plan = await tf.handlers.planResourceChange(
      { typeName: TYPE, priorState: tf.value(null), proposedNewState: tf.value(widgetConfig({ name: "red", api_token: "tok-123456" })), config: tf.value(widgetConfig({ name: "red", api_token: "tok-123456" })), priorPrivate: new Uint8Array(), clientCapabilities: old },
      signal,
    );
    expect(plan.plannedState).toBeUndefined();
    expect(plan.diagnostics[0]?.summary).toContain("Write-only attribute api_token");
  });
});

describe("self-checked invariants", () => {
  it("catches a plan that changes a configured, non-computed value", async () => {
    const { tf, store } = await configured();
    store.misbehave = "plan-renames";
    const plan = await planCreate(tf, widgetConfig({ name: "blue" }));
    expect(plan.plannedState).toBeUndefined();
    expect(summarize(plan.diagnostics)).toEqual([
      { severity: "error", summary: "Provider bug in fake_widget: planned value for non-computed attribute name differs from config", path: "name" },
    ]);
  });

  it("catches an applied value that differs from a known planned value", async () => {
    const { tf, store } = await configured();
    store.misbehave = "rename-on-create";
    const applied = await applyCreate(tf, widgetConfig({ name: "blue" }));
    expect(summarize(applied.diagnostics)).toEqual([
      { severity: "error", summary: "Provider bug in fake_widget: applied value for name differs from known planned value", path: "name" },
    ]);
  });

  it("catches a value left unknown after apply, and never stores an unknown", async () => {
    const { tf, store } = await configured();
    store.misbehave = "forget-revision";
    const applied = await applyCreate(tf, widgetConfig({ name: "blue" }));
    expect(summarize(applied.diagnostics)).toEqual([
      { severity: "error", summary: "Provider bug in fake_widget: unknown value for revision after apply", path: "revision" },
    ]);
    expect(tf.read(applied.newState)).toMatchObject({ id: "w-1", revision: null });
  });
});

describe("errors from resource code", () => {
  it("become diagnostics with registered secrets scrubbed", async () => {
    const secret = "sk-live-0123456789";
    const { tf, store } = await configured(new SecretRegistry(), secret);
    store.failWith = new Error(`upstream rejected credentials ${secret}`);
    const applied = await applyCreate(tf, widgetConfig({ name: "blue" }));
    expect(applied.diagnostics).toEqual([{ severity: "error", summary: "fake_widget: create failed", detail: "upstream rejected credentials [REDACTED]" }]);
    expect(JSON.stringify(applied.diagnostics)).not.toContain(secret);
    expect(tf.read(applied.newState)).toBeNull();
  });

  it("keep the prior state when an update fails", async () => {
    const { tf, store } = await configured();
    const created = tf.read((await applyCreate(tf, widgetConfig({ name: "blue" }))).newState);
    store.failWith = new Error("quota exceeded");
    const config = widgetConfig({ name: "navy" });
    const plan = await tf.handlers.planResourceChange(
      { typeName: TYPE, priorState: tf.value(created), proposedNewState: tf.value(tf.proposedNewState(config, created)), config: tf.value(config), priorPrivate: new Uint8Array(), clientCapabilities: terraform111 },
      signal,
    );
    const applied = await tf.handlers.applyResourceChange(
      { typeName: TYPE, priorState: tf.value(created), plannedState: plan.plannedState, config: tf.value(config), plannedPrivate: new Uint8Array() },
      signal,
    );
    expect(applied.diagnostics[0]).toMatchObject({ summary: "fake_widget: update failed", detail: "quota exceeded" });
    expect(tf.read(applied.newState)).toEqual(created);
  });

  it("a call before ConfigureProvider fails with a clear diagnostic", async () => {
    const handlers = widgetProvider(new WidgetStore(), new SecretRegistry());
    const tf = await TerraformLike.forResource(handlers, TYPE);
    const state = widgetConfig({ id: "w-1", name: "blue" });
    const read = await handlers.readResource({ typeName: TYPE, currentState: tf.value(state), private: new Uint8Array() }, signal);
    expect(read.diagnostics[0]?.summary).toBe("Provider not configured");
    expect(read.diagnostics[0]?.detail).toContain("fake_widget: read needs the provider to be configured first");
  });

  it("an unknown resource type is named", async () => {
    const { handlers } = await configured();
    const answer = await handlers.validateResourceConfig({ typeName: "fake_gadget", config: { msgpack: hex("c0") } }, signal);
    expect(answer.diagnostics[0]?.summary).toBe("Unknown resource type fake_gadget");
  });

  it("a provider configuration error stops configuration with its path", async () => {
    const handlers = widgetProvider(new WidgetStore(), new SecretRegistry());
    const provider = new TerraformLike(handlers, (await handlers.getProviderSchema()).provider);
    const answer = await handlers.configureProvider({ terraformVersion: "1.11.4", config: provider.value({ endpoint: "", token: null }) }, signal);
    expect(summarize(answer.diagnostics)).toEqual([{ severity: "error", summary: "Empty endpoint", path: "endpoint" }]);
    const tf = await TerraformLike.forResource(handlers, TYPE);
    const read = await handlers.readResource({ typeName: TYPE, currentState: tf.value(widgetConfig({ id: "w-1", name: "x" })), private: new Uint8Array() }, signal);
    expect(read.diagnostics[0]?.summary).toBe("Provider not configured");
  });
});

describe("unknown values in config at plan time", () => {
  it("plan unknown for an attribute whose config is unknown", async () => {
    const { tf } = await configured();
    const plan = await planCreate(tf, widgetConfig({ name: unknown }));
    expect(plan.diagnostics).toEqual([]);
    expect(tf.read(plan.plannedState)).toMatchObject({ name: unknown, id: unknown, size: 1 });
  });
});
