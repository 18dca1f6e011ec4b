import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnStandaloneServer } from "@/scripts/standalone-server";
import { startFakeAccount, type FakeAccount } from "../aws-standins/fake-account";
import { startFakeCloudWatchHttp } from "../aws-standins/fake-cloudwatch-http";
import { sessionCookie } from "../setup/auth";
import { useTestDatabase } from "../setup/test-database";

// The production server (the standalone build, as the image runs it) with the production settings
// (INVENTORY_SOURCE and FLEET_PROVIDER aws, TELEMETRY_SOURCE cloudwatch) against a fake AWS account
// on the wire, on an empty database: its first inventory sync fills the pages, and a drain of a
// discovered Auto Scaling group reaches Auto Scaling.
useTestDatabase();

const root = path.resolve(__dirname, "../..");
const PORT = 31492;
const base = `http://127.0.0.1:${PORT}`;
let account: FakeAccount;
let cloudwatch: Awaited<ReturnType<typeof startFakeCloudWatchHttp>>;
let server: ChildProcess | undefined;
let output = "";

const get = async (p: string, role: "viewer" | "operator" = "viewer") => {
  const res = await fetch(`${base}${p}`, { headers: { cookie: sessionCookie(role) } });
  return { status: res.status, text: await res.text() };
};
async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n--- server output ---\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  if (!existsSync(path.join(root, ".next/standalone/server.js")))
    throw new Error("no production build: npm test builds it first (scripts/build-if-stale.ts)");
  process.env.AUTH_SECRET ??= "production-start-aws-test-secret-0123456789abcdef";
  account = await startFakeAccount({ pools: 8, regions: 2, clusters: 1, pageLimit: 3 });
  cloudwatch = await startFakeCloudWatchHttp();
  server = spawnStandaloneServer({
    port: PORT,
    root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...account.env,
      AWS_ENDPOINT_URL_CLOUDWATCH: cloudwatch.url,
      DATABASE_URL: process.env.DATABASE_URL!,
      NODE_ENV: "production",
      AUTH_DEMO_MODE: "true",
      AUTH_SECRET: process.env.AUTH_SECRET,
      TELEMETRY_SOURCE: "cloudwatch",
      FLEET_PROVIDER: "aws",
      TELEMETRY_BACKFILL_DAYS: "1",
      WARM_OVERVIEW: "false",
      LOG_LEVEL: "warn",
    },
  });
  server.stdout!.on("data", (c) => (output += c));
  server.stderr!.on("data", (c) => (output += c));
}, 120_000);

afterAll(async () => {
  server?.kill("SIGTERM");
  await account?.close();
  await cloudwatch?.close();
});

describe("the production start against a fake AWS account, on an empty database", () => {
  it("syncs the inventory first, then shows the discovered pools and models on the pages", async () => {
    const inventory = await until("the first inventory sync", async () => {
      const r = await get("/api/inventory");
      const body = JSON.parse(r.text) as {
        runs: { trigger: string; error: string | null }[];
        counts: { pools: number };
      };
      return body.runs.length > 0 ? body : undefined;
    });
    expect(inventory.runs.at(-1)).toMatchObject({ trigger: "schedule", error: null });
    expect(inventory.counts.pools).toBeGreaterThan(0);

    const pools = JSON.parse((await get("/api/pools")).text) as { pools: { id: string; models: string[] }[] };
    expect(pools.pools.length).toBe(inventory.counts.pools);
    const poolsPage = await get("/pools");
    expect(poolsPage.status).toBe(200);
    for (const p of pools.pools) expect(poolsPage.text).toContain(p.id);

    const modelsPage = await get("/models");
    expect(modelsPage.status).toBe(200);
    for (const m of account.layout.models) expect(modelsPage.text).toContain(m.id);
    // The ingest ran after the sync, against CloudWatch, for the discovered series.
    await until("a GetMetricData call", async () => (cloudwatch.requests.length > 0 ? true : undefined));
    expect(cloudwatch.requests[0]!.target).toBe("GraniteServiceVersion20100801.GetMetricData");
  }, 120_000);

  it("a drain of a discovered Auto Scaling group reaches Auto Scaling and finishes", async () => {
    const pools = JSON.parse((await get("/api/pools")).text) as {
      pools: { id: string; backingKind: string; desiredCapacity: number; minCapacity: number }[];
    };
    const pool = pools.pools.find((p) => p.backingKind === "asg" && p.desiredCapacity > p.minCapacity);
    expect(pool, "the fake account has an Auto Scaling pool above its minimum").toBeDefined();
    account.requests.clear();
    const res = await fetch(`${base}/api/pools/${pool!.id}/actions`, {
      method: "POST",
      headers: {
        cookie: sessionCookie("operator"),
        origin: base,
        "content-type": "application/json",
        "idempotency-key": `e2e-aws-drain-${Date.now()}`,
      },
      // The pool's reservation would sit partly idle: the guardrail asks for an explicit override.
      body: JSON.stringify({
        kind: "drain",
        count: 1,
        reason: "end-to-end drain",
        confirmPoolName: pool!.id,
        overrides: { reservedIdle: "end-to-end test of the aws provider" },
      }),
    });
    const created = (await res.json()) as { action?: { id: string }; error?: { message: string } };
    expect(res.status, JSON.stringify(created)).toBe(201);
    // Half the pool and an override: the two-person rule holds it for an admin's approval.
    const pending = created.action as { id: string; state: string; requestHash: string };
    expect(pending.state).toBe("awaiting_approval");
    const approved = await fetch(`${base}/api/actions/${pending.id}/approve`, {
      method: "POST",
      headers: { cookie: sessionCookie("admin"), origin: base, "content-type": "application/json" },
      body: JSON.stringify({ paramsHash: pending.requestHash }),
    });
    expect(approved.status, await approved.clone().text()).toBe(200);
    let last = "";
    const state = await until(
      "the drain to finish",
      async () => {
        last = (await get(`/api/actions/${created.action!.id}`)).text;
        const a = JSON.parse(last) as { action: { state: string } };
        return ["succeeded", "failed"].includes(a.action.state) ? a.action.state : undefined;
      },
      60_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\n--- last action ---\n${last}`);
    });
    expect(state).toBe("succeeded");
    const actions = account.requests.autoscaling.map((r) => r.action);
    expect(actions).toContain("TerminateInstanceInAutoScalingGroup");
    const terminate = account.requests.autoscaling.find((r) => r.action === "TerminateInstanceInAutoScalingGroup")!;
    expect(terminate.params.ShouldDecrementDesiredCapacity).toBe("true");

    // An admin's sync now reads the smaller group back from Auto Scaling, as a change with its audit row.
    const synced = await fetch(`${base}/api/inventory/sync`, {
      method: "POST",
      headers: { cookie: sessionCookie("admin"), origin: base, "content-type": "application/json" },
      body: "{}",
    });
    expect(synced.status).toBe(200);
    const inventory = JSON.parse((await get("/api/inventory")).text) as {
      changes: { action: string; poolId: string | null; summary: string }[];
    };
    expect(inventory.changes.find((c) => c.poolId === pool!.id && c.action === "inventory.pool.changed")?.summary).toBe(
      `desiredCapacity ${pool!.desiredCapacity} → ${pool!.desiredCapacity - 1}`,
    );
  }, 120_000);
});
