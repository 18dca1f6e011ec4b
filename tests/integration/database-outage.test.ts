// The app's own PostgreSQL goes away and comes back: reads answer 503 with Retry-After (never 500),
// a page read answered before is still served (marked as held), /api/health says down and why, and
// once the server is back on the same port and data directory, reads recover without a restart.
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as healthGET } from "@/app/api/health/route";
import { GET as overviewGET } from "@/app/api/overview/route";
import { GET as poolsGET } from "@/app/api/pools/route";
import { closeDb, getPrisma } from "@/lib/db";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@/lib/db/embedded-postgres";
import { DATABASE_UNAVAILABLE_DIGEST, databaseUnavailableReason } from "@/lib/db/is-database-unavailable";
import { loadPageData } from "@/lib/http/load-page-data";
import { listModels } from "@/lib/models/list-models";
import { ZPoolList } from "@/lib/pools/pool-dto";
import { createSimulatedTelemetrySource } from "@/lib/simulator/simulated-telemetry-source";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { parseRangeSearch } from "@/lib/url/range-search-params";
import { appRequest, insertTestSessions } from "../setup/auth";
import { assertLocal } from "../setup/test-database";
import { callRoute } from "../pages/seeded-fleet";

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });

// A private server (not the suite's shared one, which other files use): stopped and started here.
let port = 0;
let dataDir = "";
let server: EmbeddedPostgresHandle | undefined;
const start = async () => {
  server = await startEmbeddedPostgres({ dataDir, port, quiet: true, settings: { fsync: "off" } });
  return server;
};

beforeAll(async () => {
  port = await freePort();
  dataDir = `.data/test-outage-${port}`;
  const pg = await start();
  await pg.ensureDatabase("fc_outage");
  const url = pg.urlFor("fc_outage");
  assertLocal(url);
  await applyMigrations({ databaseUrl: url });
  await insertTestSessions(url);
  await closeDb();
  process.env.DATABASE_URL = url;
  await seedSimulatedFleet();
  const ingest = await runIngest({ source: createSimulatedTelemetrySource({ seed: 5 }), backfillDays: 1 });
  expect(ingest.error).toBeUndefined();
});

afterAll(async () => {
  await closeDb();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("a database outage", () => {
  it("answers 503 with Retry-After, serves held page reads, reports down, and recovers when the server is back", async () => {
    const warm = await callRoute(poolsGET, "/api/pools?range=6h");
    expect(warm.status).toBe(200);
    const before = ZPoolList.parse(warm.body);
    expect(before.pools.length).toBeGreaterThan(0);
    expect(before.telemetry.heldFrom).toBeUndefined();

    await server!.stop();

    // The page read answered before: the same figures, marked as held.
    const held = await callRoute(poolsGET, "/api/pools?range=6h");
    expect(held.status).toBe(200);
    const heldList = ZPoolList.parse(held.body);
    expect(heldList.pools).toEqual(before.pools);
    expect(heldList.telemetry.heldFrom).toEqual(expect.any(String));

    // What Prisma (through @prisma/adapter-pg) throws is recognised as an outage too.
    const prismaError = await getPrisma()
      .pool.count()
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(databaseUnavailableReason(prismaError)).not.toBeNull();

    // Reads with no answer to stand in: 503 with Retry-After, never 500.
    for (const [handler, path] of [
      [poolsGET, "/api/pools?range=24h"],
      [overviewGET, "/api/overview"],
    ] as const) {
      const response = await handler(appRequest(path, { role: "viewer" }));
      expect(response.status, path).toBe(503);
      expect(Number(response.headers.get("retry-after")), path).toBeGreaterThan(0);
      const body = await response.json();
      expect(body.error.code, path).toBe("UNAVAILABLE");
      expect(body.error.message, path).toMatch(/^the database is unreachable/);
    }

    const health = await healthGET(new Request("http://localhost/api/health"));
    expect(health.status).toBe(503);
    const report = await health.json();
    expect(report.status).toBe("down");
    expect(report.database.reachable).toBe(false);
    expect(report.reason).toMatch(/^database unreachable \((ECONNREFUSED|57P0\d|08\d{3}|connection terminated|\w+)\)$/);

    const parsed = parseRangeSearch({ range: "6h" });
    if (parsed.notice) throw new Error(parsed.notice);
    const range6h = parsed.params;
    // A server-rendered page goes to the error boundary with the outage's digest.
    await expect(loadPageData(() => listModels({ params: range6h }))).rejects.toMatchObject({
      digest: DATABASE_UNAVAILABLE_DIGEST,
    });

    await start();

    const fresh = await callRoute(poolsGET, "/api/pools?range=24h");
    expect(fresh.status).toBe(200);
    expect(ZPoolList.parse(fresh.body).pools.length).toBe(before.pools.length);
    const again = await callRoute(poolsGET, "/api/pools?range=6h");
    expect(again.status).toBe(200);
    expect(ZPoolList.parse(again.body).telemetry.heldFrom).toBeUndefined();
    const healthy = await healthGET(new Request("http://localhost/api/health"));
    expect(healthy.status).toBe(200);
    expect((await healthy.json()).database.reachable).toBe(true);
  });

  it("a postmaster killed (SIGKILL) under concurrent reads: only 200s (held answers) and 503s, then recovery", async () => {
    const warm = await callRoute(poolsGET, "/api/pools?range=6h");
    expect(warm.status).toBe(200);
    const postmasterPid = Number(readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0]);
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };

    // 40 reads spread over 200 ms, the postmaster killed 20 ms in: whatever each one meets (the
    // database up, connections cut mid-query, nothing listening), it answers 200 or 503.
    const kill = sleep(20).then(() => process.kill(postmasterPid, "SIGKILL"));
    const statuses = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        await sleep(i * 5);
        const [handler, path] =
          i % 2 ? ([poolsGET, "/api/pools?range=6h"] as const) : ([overviewGET, "/api/overview"] as const);
        return (await handler(appRequest(path, { role: "viewer" }))).status;
      }),
    );
    await kill;
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    const uncached = await poolsGET(appRequest("/api/pools?range=7d", { role: "viewer" }));
    expect(uncached.status).toBe(503);

    // Its backends leave once they see the postmaster gone; then the same data directory starts
    // again (its stale postmaster.pid is recovered) and the app's pool reconnects by itself.
    for (let i = 0; i < 100 && alive(postmasterPid); i++) await sleep(100);
    await start();
    const recovered = await callRoute(poolsGET, "/api/pools?range=7d");
    expect(recovered.status).toBe(200);
    expect((await healthGET(new Request("http://localhost/api/health"))).status).toBe(200);
  });
});
