/**
 * Teams files that are valid JSON but do not say what they seem to: a key given twice (JSON.parse
 * keeps the last), a `__proto__` key (JavaScript drops it), a line break pasted into a value,
 * credentials in a Portkey URL. Each is rejected with the file, the JSON path, line:column and
 * the fix; a password is never repeated.
 */
import { loadTeamsFile } from "../../../stacks/config";
import { loadError, problemLines, validFile, writeTeamsFile } from "./support";

/** The valid file as text, one field per line, with `edit` applied to that text. */
function fileText(edit: (text: string) => string): string {
  return edit(JSON.stringify(validFile(), null, 2));
}

describe("a key given twice in one object", () => {
  it("names the path and both occurrences, instead of keeping the last silently", () => {
    const text = '{\n  "gcp": { "project_id": "acme-claude-prod" },\n  "teams": [{ "name": "payments", "budget": { "limit": 500 }, "name": "search" }]\n}\n';
    const lines = problemLines(loadError(text));
    expect(lines).toEqual([
      'teams.json:3:63: teams[0].name: "name" is given twice in this object (line 3, column 15 and line 3, column 63); JSON keeps only the last, so the first value would be silently ignored. Fix: keep one of the two (merge their contents if both matter).',
    ].map((line) => expect.stringContaining(line)));
  });

  it("finds it at any depth, also when both values are equal, and with an escaped spelling of the key", () => {
    const text = fileText((t) => t.replace('"limit": 500', '"limit": 500, "limit": 500').replace('"region": "global"', '"region": "global", "regio\\u006e": "global"'));
    const lines = problemLines(loadError(text));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/teams\.json:\d+:\d+: gcp\.region: "region" is given twice in this object/);
    expect(lines[1]).toMatch(/teams\.json:\d+:\d+: defaults\.budget\.limit: "limit" is given twice in this object/);
  });
});

describe("__proto__ as a key", () => {
  it("is rejected inside metadata, where it would otherwise vanish with its value", () => {
    const text = '{\n  "gcp": { "project_id": "acme-claude-prod" },\n  "teams": [{ "name": "payments", "metadata": { "__proto__": "cc-42" } }]\n}\n';
    expect(problemLines(loadError(text))).toEqual([
      expect.stringContaining(
        'teams.json:3:49: teams[0].metadata.__proto__: "__proto__" cannot be a key: JavaScript reads it as the object\'s prototype, so it and its value would be silently dropped. Fix: rename it (e.g. "proto") or remove it.',
      ),
    ]);
  });

  it("is reported once where the schema also has it as an unknown field", () => {
    const text = '{ "gcp": { "project_id": "acme-claude-prod" }, "teams": [{ "name": "payments", "__proto__": { "budget": null } }] }';
    const lines = problemLines(loadError(text));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('teams[0].__proto__: "__proto__" cannot be a key');
  });

  it("leaves constructor and prototype alone: they survive as ordinary keys", () => {
    const config = loadTeamsFile(writeTeamsFile('{ "gcp": { "project_id": "acme-claude-prod" }, "teams": [{ "name": "payments", "metadata": { "constructor": "a", "prototype": "b" } }] }'));
    expect(config.teams[0].metadata).toEqual({ constructor: "a", prototype: "b" });
  });
});

describe("a control character in a value", () => {
  it.each([
    ["a metadata value with a line break", (t: string) => t.replace('"name": "payments"', '"name": "payments", "metadata": { "owner": "ana\\nbob" }'), "teams[0].metadata.owner", "a line break (U+000A, written \\n in the file) at character 4"],
    ["a key description with a tab", (t: string) => t.replace('"name": "search"', '"name": "search", "keys": [{ "name": "ci", "description": "CI\\tkey" }]'), "teams[1].keys[0].description", "a tab (U+0009, written \\t in the file) at character 3"],
    ["an integration name with a NUL", (t: string) => t.replace('"base_url": "https://api.portkey.ai/v1"', '"base_url": "https://api.portkey.ai/v1", "integration": { "name": "Vertex\\u0000" }'), "portkey.integration.name", "a control character (U+0000, written \\u0000 in the file) at character 7"],
  ])("%s: path, line:column and the character, once", (_name, edit, path, says) => {
    const lines = problemLines(loadError(fileText(edit)));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`teams\\.json:\\d+:\\d+: ${path.replace(/[.[\]]/g, "\\$&")}: this value contains `));
    expect(lines[0]).toContain(says);
    expect(lines[0]).toContain("Fix: remove it");
  });

  it("leaves a URL with a line break to the URL's own, more specific message", () => {
    const lines = problemLines(loadError(fileText((t) => t.replace('"base_url": "https://api.portkey.ai/v1"', '"base_url": "https://api.portkey.ai/v1", "gateway_url": "https://gw.example.com\\n"'))));
    expect(lines).toEqual([expect.stringContaining('portkey.gateway_url: "https://gw.example.com\\n" contains a line break (U+000A) at the end.')]);
  });
});

describe("credentials in a Portkey URL", () => {
  it.each([
    ["gateway_url", "https://ops:hunter2-gw@gw.example.com", "https://***@gw.example.com"],
    ["base_url", "https://ops:hunter2-admin@portkey.example.com/v1", "https://***@portkey.example.com/v1"],
    ["gateway_url", "https://only-a-token-hunter2@gw.example.com", "https://***@gw.example.com"],
  ])("rejects user:password@ in %s without repeating the password", (field, url, masked) => {
    const file = validFile();
    file.portkey[field] = url;
    const error = loadError(file);
    const [line] = problemLines(error);
    expect(line).toContain(`portkey.${field}: "${masked}" carries a user name or password ("user:password@"). Fix: remove it: Portkey takes its keys in headers`);
    expect(error.message).not.toContain("hunter2");
  });
});

describe("a file nested far deeper than any teams file", () => {
  it("is refused with the place it goes too deep, not a stack overflow", () => {
    const text = `{ "gcp": { "project_id": "acme-claude-prod" }, "teams": [{ "name": "a", "metadata": ${"[".repeat(100_000)}${"]".repeat(100_000)} }] }`;
    const lines = problemLines(loadError(text));
    expect(lines).toEqual([expect.stringMatching(/teams\.json:1:\d+: teams\[0\]\.metadata: the file nests objects and arrays more than 64 levels deep/)]);
  });
});

describe("other fields that reach every developer or Portkey", () => {
  it("rejects a Secret Manager version that is not a version", () => {
    const file = validFile();
    file.gcp.key = { source: "existing-secret", secret: "portkey-vertex-key", version: "latest; echo" };
    expect(problemLines(loadError(file))).toEqual([expect.stringContaining('gcp.key.version: secret version must be a version number, "latest" or a version alias. Fix: use e.g. "latest" or "3".')]);
  });
});
