import { beforeAll, describe, expect, it } from "vitest";
import { getFleetDataVersion } from "@/lib/cache/fleet-read-cache";
import { getPool } from "@/lib/db";
import { getFleetOverview } from "@/lib/overview/get-fleet-overview";
import { listPools } from "@/lib/pools/list-pools";
import { createSimulatedTelemetrySource } from "@/lib/simulator/simulated-telemetry-source";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

beforeAll(async () => {
  await seedSimulatedFleet();
  const result = await runIngest({ source: createSimulatedTelemetrySource({ seed: 5 }), backfillDays: 1 });
  expect(result.error).toBeUndefined();
});

describe("fleet read cache", () => {
  const params = { range: "6h" as const };

  it("shares one page read between viewers while nothing changes", async () => {
    const [a, b] = await Promise.all([listPools({ params }), listPools({ params })]);
    expect(b).toBe(a);
    expect(await listPools({ params })).toBe(a);
  });

  it("when the telemetry turns stale, viewers get the last fresh page while the stale one (with its banner) is computed", async () => {
    const overview = { params: { range: "6h" as const } };
    const before = await getFleetOverview(overview);
    expect(before.telemetry.lagSeconds).toBeLessThan(300);
    // No minute for ten more minutes, as the data end sees it: the watermark ten minutes earlier.
    const setBack = (minutes: number) =>
      getPool().query(
        `UPDATE "TelemetrySourceState" SET "latestMinute" = "latestMinute" + $1 * interval '1 minute' WHERE source = 'simulated'`,
        [minutes],
      );
    await setBack(-10);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_100)); // the data end is re-read once a second
      expect(await getFleetOverview(overview)).toBe(before);
      let after = before;
      for (let attempt = 0; attempt < 100 && after === before; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        after = await getFleetOverview(overview);
      }
      expect(after.telemetry.lagSeconds).toBeGreaterThan(300);
    } finally {
      await setBack(10);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
    }
  });

  it("while another replica's newer minute is computed, viewers get the previous minute's page, then the new one", async () => {
    const before = await listPools({ params });
    // Another replica stored the next minute: only the source state says so (no write in this process).
    await getPool().query(
      `UPDATE "TelemetrySourceState" SET "latestMinute" = "latestMinute" + interval '1 minute' WHERE source = 'simulated'`,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // this process re-reads the data end once a second
    const during = await listPools({ params });
    expect(during).toBe(before);
    let after = during;
    for (let attempt = 0; attempt < 100 && after === before; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      after = await listPools({ params });
    }
    expect(new Date(after.range.to).getTime() - new Date(before.range.to).getTime()).toBe(60_000);
    expect(await listPools({ params })).toBe(after);

    // This process's own telemetry write (it may rewrite minutes already read) leaves no stand-in.
    const written = await runIngest({
      source: createSimulatedTelemetrySource({ seed: 5 }),
      backfillDays: 1,
      now: new Date(Date.now() + 3 * 60_000),
    });
    expect(written.written).toBeGreaterThan(0);
    const fresh = await listPools({ params });
    expect(fresh).not.toBe(after);
    expect(new Date(fresh.range.to).getTime()).toBeGreaterThan(new Date(after.range.to).getTime());
  });

  it("shows a pool changed by another process (plain SQL, not this process's code) on the next read", async () => {
    const before = await listPools({ params });
    const target = before.pools[0]!;
    const desired = target.desiredCapacity + 3;
    await getPool().query(`UPDATE "Pool" SET "desiredCapacity" = $1 WHERE id = $2`, [desired, target.id]);
    const after = await listPools({ params });
    expect(after).not.toBe(before);
    expect(after.pools.find((p) => p.id === target.id)!.desiredCapacity).toBe(desired);
  });

  it("moves the version when a write commits, not before, and not for telemetry", async () => {
    const client = await getPool().connect();
    try {
      const start = await getFleetDataVersion();
      await client.query("BEGIN");
      await client.query(
        `UPDATE "Model" SET "sloP95Ms" = "sloP95Ms" + 1 WHERE id = (SELECT id FROM "Model" ORDER BY id LIMIT 1)`,
      );
      expect(await getFleetDataVersion()).toBe(start); // deferred to commit
      await client.query("COMMIT");
      const committed = await getFleetDataVersion();
      expect(committed).not.toBe(start);
      await runIngest({
        source: createSimulatedTelemetrySource({ seed: 5 }),
        backfillDays: 1,
        now: new Date(Date.now() + 5 * 60_000),
      });
      expect(await getFleetDataVersion()).toBe(committed);
    } finally {
      client.release();
    }
  });
});
