/**
 * The generator on a schema with every attribute kind the provider framework can declare (the
 * real provider uses only some of them yet): the output type-checks under the project's strict
 * settings, and the classes it defines synthesize snake_case Terraform JSON.
 */
import { dirname, join } from "node:path";
import { compileFunction } from "node:vm";
import { Fn, TerraformStack, Testing } from "cdktf";
import * as ts from "typescript";
import { generateBindings } from "../../../src/constructs/l1/generate";

const described = (type: unknown, extra: Record<string, unknown> = {}) => ({ type, description: "A value.", description_kind: "markdown", ...extra });

const schema = {
  format_version: "1.0",
  provider_schemas: {
    "terraform.local/claude-vertex-portkey/portkeyadmin": {
      provider: { version: 0, block: { attributes: { api_key: described("string", { optional: true, sensitive: true }), fqn: described("string", { optional: true }) } } },
      resource_schemas: {
        portkeyadmin_thing: {
          version: 0,
          block: {
            description: "A thing; ends a comment with */ on purpose.",
            attributes: {
              id: described("string", { computed: true }),
              name: described("string", { required: true }),
              node: described("string", { optional: true }),
              fqn: described("string", { computed: true }),
              enabled: described("bool", { optional: true, computed: true }),
              tags: described(["set", "string"], { optional: true }),
              ports: described(["set", "number"], { computed: true }),
              weights: described(["map", "number"], { optional: true }),
              flags: described(["list", "bool"], { optional: true }),
              secret: described("string", { optional: true, sensitive: true, write_only: true }),
              old_name: described("string", { optional: true, deprecated: true }),
              target: {
                nested_type: { nesting_mode: "single", attributes: { url: described("string", { required: true }), resolved_ip: described("string", { computed: true }) } },
                optional: true,
              },
              routes: {
                nested_type: {
                  nesting_mode: "map",
                  attributes: {
                    weight_percent: described("number", { required: true }),
                    headers: { nested_type: { nesting_mode: "set", attributes: { header_name: described("string", { required: true }) } }, optional: true },
                  },
                },
                optional: true,
              },
            },
          },
        },
      },
      data_source_schemas: {
        portkeyadmin_thing: { version: 0, block: { attributes: { name: described("string", { required: true }), labels: described(["map", "string"], { computed: true }) } } },
      },
    },
  },
};

const files = generateBindings(schema);
// The generated files live next to the real bindings, so their relative imports resolve.
const virtualDir = join(__dirname, "../../../src/constructs/l1/kinds-under-test");

function typeErrors(): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noImplicitReturns: true,
    skipLibCheck: true,
    isolatedModules: true,
    esModuleInterop: true,
    noEmit: true,
    types: ["node"],
  };
  const host = ts.createCompilerHost(options);
  const virtual = new Map([...files].map(([name, source]) => [join(virtualDir, name), source]));
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (file) => virtual.has(file) || ts.sys.fileExists(file);
  host.directoryExists = (dir) => dir === virtualDir || ts.sys.directoryExists(dir);
  host.readFile = (file) => virtual.get(file) ?? readFile(file);
  host.getSourceFile = (file, language) => {
    const source = virtual.get(file);
    return source === undefined ? getSourceFile(file, language) : ts.createSourceFile(file, source, language);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}

/** Load the generated index in-process (transpiled), resolving its imports like Node would. */
function loadBindings(): Record<string, new (...args: never[]) => unknown> {
  const cache = new Map<string, Record<string, unknown>>();
  const load = (file: string): Record<string, unknown> => {
    const cached = cache.get(file);
    if (cached) return cached;
    const module = { exports: {} as Record<string, unknown> };
    cache.set(file, module.exports);
    const js = ts.transpileModule(files.get(file) as string, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const requireFrom = (specifier: string) => {
      if (specifier.startsWith("./")) return load(`${specifier.slice(2)}.ts`);
      if (specifier.startsWith("../")) return require(join(dirname(virtualDir), specifier.slice(3)));
      return require(specifier);
    };
    compileFunction(js, ["require", "exports", "module"])(requireFrom, module.exports, module);
    cache.set(file, module.exports);
    return module.exports;
  };
  return load("index.ts") as Record<string, new (...args: never[]) => unknown>;
}

describe("the L1 generator on every attribute kind", () => {
  it("writes one file per resource and data source, the provider and an index", () => {
    expect([...files.keys()]).toEqual(["data-thing.ts", "index.ts", "provider.ts", "thing.ts"]);
    expect(files.get("index.ts")).toContain('export * from "./data-thing";\nexport * from "./provider";\nexport * from "./thing";');
  });

  it("produces code that type-checks under strict settings", () => {
    expect(typeErrors()).toEqual([]);
  });

  it("names attributes that clash with cdktf members <name>Attribute, keeps write-only values out of getters", () => {
    const thing = files.get("thing.ts") as string;
    expect(thing).toContain("readonly nodeAttribute?: string;");
    expect(thing).toContain("get nodeAttribute(): string {");
    expect(thing).toContain("get fqnAttribute(): string {");
    expect(thing).toContain("readonly secret?: string;");
    expect(thing).not.toContain("get secret()");
    expect(thing).toContain("Write-only: sent to the provider on apply, never stored in plan or state.");
    expect(thing).toContain("@deprecated");
    expect(thing).toContain("ends a comment with *\\/ on purpose");
    expect(thing).toContain('get tags(): string[] {\n    return Fn.tolist(this.getListAttribute("tags"));');
    expect(thing).toContain('get ports(): number[] {\n    return Token.asNumberList(Fn.tolist(this.getNumberListAttribute("ports")));');
    expect(files.get("provider.ts")).toContain("readonly fqnAttribute?: string;");
  });

  it("synthesizes nested objects (single, map, set within map) with snake_case keys", () => {
    const bindings = loadBindings();
    const stack = new TerraformStack(Testing.app(), "kinds");
    const Provider = bindings.PortkeyadminProvider as unknown as new (scope: TerraformStack, id: string, config: object) => unknown;
    const Thing = bindings.PortkeyadminThing as unknown as new (scope: TerraformStack, id: string, config: object) => { getters?: never };
    const DataThing = bindings.DataPortkeyadminThing as unknown as new (scope: TerraformStack, id: string, config: object) => { labels: Record<string, string> };
    new Provider(stack, "portkey", { apiKey: "pk-admin-kinds-test" });
    const lookup = new DataThing(stack, "existing", { name: "existing" });
    new Thing(stack, "thing", {
      name: "thing",
      nodeAttribute: "node-7",
      tags: ["a"],
      weights: { blue: 10 },
      secret: "s3cret-value",
      target: { url: Fn.lookup(lookup.labels, "url") },
      routes: { primary: { weightPercent: 90, headers: [{ headerName: "x-team" }] } },
    });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.resource.portkeyadmin_thing.thing).toEqual({
      name: "thing",
      node: "node-7",
      tags: ["a"],
      weights: { blue: 10 },
      secret: "s3cret-value",
      target: { url: `\${data.portkeyadmin_thing.existing.labels.url}` },
      routes: { primary: { weight_percent: 90, headers: [{ header_name: "x-team" }] } },
    });
    expect(json.data.portkeyadmin_thing.existing).toEqual({ name: "existing" });
  });

  it("refuses attribute names Terraform reserves, naming them", () => {
    const clashing = JSON.parse(JSON.stringify(schema));
    clashing.provider_schemas["terraform.local/claude-vertex-portkey/portkeyadmin"].resource_schemas.portkeyadmin_thing.block.attributes.count = described("number", { optional: true });
    expect(() => generateBindings(clashing)).toThrow("portkeyadmin_thing: attribute name(s) count are Terraform meta-arguments");
  });

  it("refuses a document that is not a provider schema, naming the field", () => {
    expect(() => generateBindings({ format_version: "1.0", provider_schemas: { x: { provider: {} } } })).toThrow(/at provider_schemas\.x\.provider\.block/);
  });
});
