/**
 * Every mistake of the corpus gets exactly its documented diagnostic: the teams-file loader, or
 * the provider's protocol handlers called in-process the way Terraform calls them. No diagnostic
 * repeats a secret given as input, and docs/bad-input-corpus.md is the table of these cases.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BAD_INPUT_CASES, VALID_RESOURCES } from "./bad-input-cases";
import { type BadInputCase, CORPUS_ADMIN_KEY, InProcessProvider, renderCorpusDoc, runCase } from "./support/bad-input";

const DOC = join(__dirname, "../../docs/bad-input-corpus.md");
const label = (c: BadInputCase) => `${c.area === "resource" ? c.typeName : c.area}: ${c.mistake}`;

let provider: InProcessProvider;
beforeAll(async () => {
  provider = await InProcessProvider.start();
});

describe("the bad-input corpus", () => {
  it("has at least 30 cases across the teams file, the provider block and every resource", async () => {
    expect(BAD_INPUT_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(BAD_INPUT_CASES.map(label)).size).toBe(BAD_INPUT_CASES.length);
    const covered = new Set(BAD_INPUT_CASES.map((c) => (c.area === "resource" ? c.typeName : c.area)));
    const resources = (await provider.handlers.getMetadata()).resources.map((r) => r.typeName);
    expect([...covered].sort()).toEqual(["provider config", "teams file", ...resources].sort());
  });

  it("starts every resource case from a configuration that is valid on its own", async () => {
    expect(await provider.configure({})).toEqual([]);
    for (const [typeName, config] of Object.entries(VALID_RESOURCES)) {
      expect({ typeName, diagnostics: await provider.resource(typeName, config) }).toEqual({ typeName, diagnostics: [] });
    }
  });

  it.each(BAD_INPUT_CASES.map((c) => [label(c), c] as const))("%s", async (_name, c) => {
    expect(await runCase(provider, c, VALID_RESOURCES)).toEqual(c.expect);
  });

  it("never repeats a secret given as input (key material, the admin key) in any diagnostic", async () => {
    const withSecrets = BAD_INPUT_CASES.filter((c) => c.secret !== undefined);
    expect(withSecrets.length).toBeGreaterThanOrEqual(3);
    for (const c of BAD_INPUT_CASES) {
      const text = JSON.stringify(await runCase(provider, c, VALID_RESOURCES));
      expect(text).not.toContain(CORPUS_ADMIN_KEY);
      if (c.secret !== undefined) {
        expect(text).not.toContain(c.secret);
        expect(JSON.stringify(c.expect)).not.toContain(c.secret);
      }
    }
  });
});

describe("docs/bad-input-corpus.md", () => {
  it("is the table of the current cases (UPDATE_BAD_INPUT_DOC=1 rewrites it)", () => {
    const rendered = renderCorpusDoc(BAD_INPUT_CASES);
    if (process.env.UPDATE_BAD_INPUT_DOC === "1") writeFileSync(DOC, rendered);
    expect(readFileSync(DOC, "utf8")).toBe(rendered);
  });

  it("shows no secret given as input", () => {
    const doc = renderCorpusDoc(BAD_INPUT_CASES);
    for (const c of BAD_INPUT_CASES) if (c.secret !== undefined) expect(doc).not.toContain(c.secret);
    expect(doc).not.toContain(CORPUS_ADMIN_KEY);
  });
});
