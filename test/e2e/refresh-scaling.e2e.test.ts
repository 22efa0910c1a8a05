/**
 * A refresh grows linearly with teams (issue 17): every access resource on an integration shares
 * one listing per provider process (src/provider/resources/access-listings.ts), so a plan of n
 * teams sends one GET per resource of the other types and one listing per integration, where it
 * used to fetch the integration's whole listing once per team (O(n²) in requests and bytes).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { lastSeq } from "../../bench/support/request-kinds";
import { providerStack } from "../../bench/support/team-set";
import { TerraformWorkspace } from "./support/terraform";

jest.setTimeout(300_000);

const LISTING = /^\/v1\/integrations\/[^/]+\/workspaces$/;

describe("refresh requests against the number of teams", () => {
  let tf: TerraformWorkspace;

  beforeAll(async () => {
    tf = await TerraformWorkspace.start();
  });
  afterAll(async () => {
    await tf?.close();
  });

  /** Apply `teams` teams, then count the GETs of a plan that finds nothing to do. */
  async function refreshOf(teams: number): Promise<{ gets: number; listings: number }> {
    writeFileSync(join(tf.dir, "main.tf"), providerStack(teams, tf.emulator.adminUrl));
    await tf.expect(["apply", "-auto-approve", "-input=false"]);
    const since = lastSeq(tf.emulator.requests());
    expect((await tf.plan()).status).toBe(0);
    const gets = tf.emulator.requests().filter((r) => r.seq > since && r.method === "GET");
    return { gets: gets.length, listings: gets.filter((r) => LISTING.test(r.path)).length };
  }

  it("sends one access listing per integration, and 4× the teams cost at most 4.2× the requests", async () => {
    const five = await refreshOf(5);
    const twenty = await refreshOf(20);
    expect(five.listings).toBe(1);
    expect(twenty.listings).toBe(1);
    const ratio = twenty.gets / five.gets;
    console.log(`refresh GETs: 5 teams ${five.gets}, 20 teams ${twenty.gets} (${ratio.toFixed(2)}×; access listings ${five.listings} and ${twenty.listings})`);
    expect(ratio).toBeLessThanOrEqual(4.2);
  });
});
