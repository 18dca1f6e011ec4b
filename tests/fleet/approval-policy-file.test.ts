// The approval policy as the fleet config file declares it, end to end against a real database:
// the request judges by the file, and the worker's re-check before the first step judges by the
// file as it is then (the same rule, re-read when the file changes).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { useTestDatabase } from "../setup/test-database";
import { providerCalls, requestAction, runUntilSettled } from "./action-helpers";

useTestDatabase();
const dir = mkdtempSync(path.join(os.tmpdir(), "approval-policy-"));
const example = readFileSync("deploy/fleet-config.example.yaml", "utf8").split("\napprovalPolicy:")[0]!;
const POOL = "iris-vl-7b-use1-c8g-a"; // 40 c8g.16xlarge in service, no reservation, $2.55/h each

function writePolicy(name: string, policy: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${example}\napprovalPolicy:\n${policy}`);
  return file;
}

beforeAll(async () => {
  await seedSimulatedFleet();
});
afterAll(() => {
  delete process.env.FLEET_CONFIG_FILE;
  rmSync(dir, { recursive: true, force: true });
});

describe("approval policy from the fleet config file", () => {
  it("lets an operator add up to the pool's $/h limit alone, and not one instance more", async () => {
    // 4 × $2.55 = $10.20: at a $10.20 limit; 5 × $2.55 = $12.75: over it.
    process.env.FLEET_CONFIG_FILE = writePolicy(
      "limit.yaml",
      `  pools:\n    - pool: ${POOL}\n      launchOnDemand: { maxUsdPerHour: 10.2 }\n`,
    );
    const over = await requestAction(POOL, { kind: "launch", count: 5 });
    expect(over.status).toBe(422);
    expect(over.body.error.message).toContain("+$12.75/h is over the $10.20/h an operator may add alone");
    const at = await requestAction(POOL, { kind: "launch", count: 4 });
    expect(at.status, JSON.stringify(at.body)).toBe(201);
    expect(at.body.action).toMatchObject({ state: "pending", approvalReasons: [], requestedRole: "operator" });
    const audit = await getPrisma().auditEvent.findFirstOrThrow({ where: { poolId: POOL, action: "pool.launch" } });
    expect(audit.params).toMatchObject({
      allowedAlone: [expect.stringContaining("+$10.20/h, within what an operator may add alone ($10.20/h")],
      policy: ["built-in", `pool ${POOL}`],
    });
    // Cancel it: the next case needs the pool free.
    await getPrisma().poolAction.update({ where: { id: at.body.action.id }, data: { state: "cancelled" } });
  });

  it("stops an action before its first step when the file changed meanwhile and no longer lets it go alone", async () => {
    process.env.FLEET_CONFIG_FILE = writePolicy("alone.yaml", "  default: {}\n");
    const { status, body } = await requestAction(POOL, { kind: "launch", count: 1 });
    expect(status, JSON.stringify(body)).toBe(201);
    expect(body.action.state).toBe("pending");
    const callsBefore = (await providerCalls(POOL)).length;
    process.env.FLEET_CONFIG_FILE = writePolicy(
      "nobody.yaml",
      "  chipFamilies:\n    graviton:\n      launchOnDemand: { alone: nobody }\n",
    );
    const done = await runUntilSettled(body.action.id);
    expect(done.state).toBe("failed");
    expect(done.error).toBe(
      "guardrails re-checked before the first step: needs an override: launches 1 instance(s) beyond reserved capacity (0) at on-demand prices (the approval policy lets nobody add on-demand capacity alone)",
    );
    expect((await providerCalls(POOL)).length).toBe(callsBefore);
  });
});
