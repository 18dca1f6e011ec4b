import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { useTestDatabase } from "../setup/test-database";
import { providerCalls, requestAction } from "./action-helpers";

// Real worker processes (scripts/run-worker.ts), killed with SIGKILL mid-action, then restarted.
const db = useTestDatabase();
const children: ChildProcess[] = [];
beforeAll(async () => {
  await seedSimulatedFleet();
});
afterEach(() => {
  for (const c of children.splice(0)) c.kill("SIGKILL");
});

function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(
    process.execPath,
    [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/run-worker.ts"],
    {
      env: {
        ...process.env,
        DATABASE_URL: db.url(),
        WORKER_IDLE_MS: "100",
        WORKER_LEASE_SECONDS: "2",
        SIM_POD_GRACE_SECONDS: "0",
        ...env,
      },
      stdio: "ignore",
    },
  );
  children.push(child);
  return child;
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const stepState = async (actionId: string, name: string) =>
  (await getPrisma().poolActionStep.findFirstOrThrow({ where: { actionId, name } })).state;
const finalState = async (actionId: string) => {
  const a = await getPrisma().poolAction.findUniqueOrThrow({ where: { id: actionId } });
  return ["succeeded", "failed", "cancelled"].includes(a.state) ? a.state : null;
};

describe("a worker killed mid-action", () => {
  it("resumes a launch from its last completed step without setting capacity twice", async () => {
    const pool = "helios-405b-use2-trn2-a";
    const { body } = await requestAction(pool, { kind: "launch", count: 2 });
    const first = startWorker({ SIM_BOOT_SECONDS: "4" });
    await waitFor(
      "set-desired-capacity to complete",
      async () => (await stepState(body.action.id, "set-desired-capacity")) === "succeeded",
    );
    first.kill("SIGKILL");
    expect(await finalState(body.action.id)).toBeNull();

    startWorker({ SIM_BOOT_SECONDS: "4" });
    expect(await waitFor("the launch to finish", () => finalState(body.action.id))).toBe("succeeded");
    expect((await providerCalls(pool, "setDesiredCapacity")).length).toBe(1);
    expect((await getPrisma().pool.findUniqueOrThrow({ where: { id: pool } })).desiredCapacity).toBe(6);
  });

  it("resumes a drain after the cordons without cordoning or terminating twice", async () => {
    const pool = "atlas-1b-edge-usw2-c8g-a"; // EKS node group, 40 instances, no reservation
    const { body } = await requestAction(pool, { kind: "drain", count: 3 });
    const chosen: string[] = body.action.preview.drain.instances.map((i: { instanceId: string }) => i.instanceId);
    const first = startWorker({ SIM_PDB_BLOCK_SECONDS: "1" });
    await waitFor(
      "cordon-nodes to complete",
      async () => (await stepState(body.action.id, "cordon-nodes")) === "succeeded",
    );
    first.kill("SIGKILL");
    expect(await finalState(body.action.id)).toBeNull();

    startWorker({ SIM_PDB_BLOCK_SECONDS: "1" });
    expect(await waitFor("the drain to finish", () => finalState(body.action.id))).toBe("succeeded");
    expect((await providerCalls(pool, "cordonNode")).length).toBe(3);
    expect((await providerCalls(pool, "terminateInstances")).length).toBe(1);
    const terminated = await getPrisma().simulatedInstance.findMany({
      where: { poolId: pool, state: "terminated" },
      select: { id: true },
    });
    expect(terminated.map((t) => t.id).sort()).toEqual([...chosen].sort());
    expect((await getPrisma().pool.findUniqueOrThrow({ where: { id: pool } })).desiredCapacity).toBe(37);
  });
});
