/** Synthesizing the app from a teams file into a temp folder, and reading back what it wrote. */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type GcpMode, synthesizeApp } from "../../../stacks/app";
import { removeTestDir, testDir } from "../../support/run-root";

export const EXAMPLE_FILE = join(__dirname, "../../../stacks/teams.example.json");

export interface StackJson {
  readonly terraform: { readonly backend: Record<string, Record<string, string>>; readonly required_version?: string };
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { readonly value: unknown; readonly sensitive?: boolean }>;
  readonly variable?: Record<string, { readonly sensitive?: boolean; readonly ephemeral?: boolean; readonly type?: string }>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
}

export interface Synthesized {
  readonly outdir: string;
  /** Stack name → the raw cdk.tf.json text. */
  readonly text: Record<string, string>;
  readonly stack: (name: string) => StackJson;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTestDir(dir);
});

export function tempDir(prefix: string): string {
  const dir = testDir(prefix);
  dirs.push(dir);
  return dir;
}

// biome-ignore lint/suspicious/noExplicitAny: teams files are edited freely in tests
export type LooseFile = Record<string, any>;

export function exampleFile(): LooseFile {
  return JSON.parse(readFileSync(EXAMPLE_FILE, "utf8")) as LooseFile;
}

export function writeTeamsFile(content: LooseFile): string {
  const file = join(tempDir("app-teams-"), "teams.json");
  writeFileSync(file, JSON.stringify(content, null, 2));
  return file;
}

export function synth(teamsFile: string, gcp: GcpMode = "off", asOf?: string): Synthesized {
  const outdir = join(tempDir("app-synth-"), "cdktf.out");
  synthesizeApp({ teamsFile, gcp, outdir, asOf });
  const text: Record<string, string> = {};
  for (const name of readdirSync(join(outdir, "stacks"))) text[name] = readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8");
  return { outdir, text, stack: (name) => JSON.parse(text[name]) as StackJson };
}

/** The resources of one type in a stack, by logical id. */
export const resources = (stack: StackJson, type: string) => Object.values(stack.resource?.[type] ?? {});
