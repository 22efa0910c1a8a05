/** Writing teams files to a temp dir and reading back what the loader says about them. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadTeamsFile, TeamsFileError } from "../../../stacks/config";
import { removeTestDir, testDir } from "../../support/run-root";

// biome-ignore lint/suspicious/noExplicitAny: test fixtures are edited freely, mistakes included
export type LooseFile = Record<string, any>;

/** A valid file with three teams, so mistakes can sit at teams[2]. */
export function validFile(): LooseFile {
  return {
    $schema: "./config/teams.schema.json",
    gcp: { project_id: "acme-claude-prod", region: "global" },
    portkey: { base_url: "https://api.portkey.ai/v1" },
    defaults: { budget: { limit: 500 } },
    teams: [{ name: "payments" }, { name: "search" }, { name: "mobile", budget: { limit: 300 } }],
  };
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) removeTestDir(dir);
});

/** Writes `content` (an object, or raw text) as teams.json in a fresh temp dir; returns its path. */
export function writeTeamsFile(content: LooseFile | string): string {
  const dir = testDir("teams-file-");
  dirs.push(dir);
  const file = join(dir, "teams.json");
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}

/** The error loading `content` throws (failing the test if it loads). */
export function loadError(content: LooseFile | string): TeamsFileError {
  try {
    loadTeamsFile(writeTeamsFile(content));
  } catch (error) {
    if (error instanceof TeamsFileError) return error;
    throw error;
  }
  throw new Error("expected the file to be rejected, but it loaded");
}

/** The lines of the error message that report problems (one per problem). */
export function problemLines(error: TeamsFileError): string[] {
  return error.message.split("\n").slice(1).map((line) => line.trim());
}
