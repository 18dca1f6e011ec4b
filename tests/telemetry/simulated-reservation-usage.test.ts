// The simulated fleet as a reservation-use source: the rows the ingest stores must be what
// AWS/EC2CapacityReservations would report for the simulated provider's instances, checked here
// against the SimulatedInstance rows by independent SQL (including a drain mid-window).
import { beforeAll, describe, expect, it } from "vitest";
import { getPool, getPrisma } from "@/lib/db";
import { createSimulatedReservationSource } from "@/lib/simulator/simulated-reservation-source";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { SIM_IDLE_RESERVED_POOL_ID } from "@/lib/simulator/pools";
import { getReservationUsageSource } from "@/lib/telemetry/reservations/get-reservation-usage-source";
import { runReservationIngest } from "@/lib/telemetry/reservations/run-reservation-ingest";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

const t0 = new Date("2026-11-20T12:02:10Z");
const drainedAt = new Date("2026-11-20T09:31:00Z");

beforeAll(async () => {
  await seedSimulatedFleet({ now: new Date("2026-11-20T00:00:00Z") });
  // One instance of the idle reserved pool leaves service mid-window: its reservation's use drops.
  await getPool().query(
    `UPDATE "SimulatedInstance" SET "terminatedAt" = $2, state = 'terminated'
     WHERE id = (SELECT id FROM "SimulatedInstance" WHERE "poolId" = $1 AND "terminatedAt" IS NULL ORDER BY id LIMIT 1)`,
    [SIM_IDLE_RESERVED_POOL_ID, drainedAt],
  );
});

describe("simulated reservation use", () => {
  it("is the source TELEMETRY_SOURCE=simulated selects", () => {
    process.env.TELEMETRY_SOURCE = "simulated";
    expect(getReservationUsageSource().name).toBe("simulated");
  });

  it("stores every live reservation's periods: total = instance count, used = its pool's instances in service, up to it", async () => {
    const result = await runReservationIngest({
      source: createSimulatedReservationSource(),
      backfillDays: 0.25,
      now: t0,
    });
    expect(result.error).toBeUndefined();
    const reservations = await getPrisma().capacityReservation.count({ where: { retiredAt: null, state: "active" } });
    expect(reservations).toBeGreaterThan(0);
    expect(result).toMatchObject({ reservations, written: reservations * 72, apiRequests: 0 });

    const { rows } = await getPool().query(
      `SELECT u.reservation_id AS id, u.ts, u.used_instances AS used, u.available_instances AS avail,
              u.total_instances AS total, r."instanceCount" AS count, r."poolId" AS pool,
              (SELECT count(*)::int FROM "SimulatedInstance" i WHERE i."poolId" = r."poolId" AND i."readyAt" <= u.ts
                 AND (i."terminatedAt" IS NULL OR i."terminatedAt" > u.ts) AND (i."terminatedAt" IS NULL OR i."terminatedAt" > i."readyAt")) AS in_service
       FROM reservation_usage_5m u JOIN "CapacityReservation" r ON r.id = u.reservation_id ORDER BY 1, 2`,
    );
    expect(rows).toHaveLength(reservations * 72);
    expect(rows[0].ts).toEqual(new Date("2026-11-20T06:00:00Z"));
    for (const r of rows) {
      const used = Math.min(r.count, r.in_service);
      expect([r.id, r.ts, r.used, r.avail, r.total]).toEqual([r.id, r.ts, used, r.count - used, r.count]);
    }
    // The idle reserved pool: fewer in service than reserved, one fewer after the drain.
    const idle = rows.filter((r) => r.pool === SIM_IDLE_RESERVED_POOL_ID);
    const before = idle.find((r) => r.ts.getTime() === Date.parse("2026-11-20T09:30:00Z"))!;
    const after = idle.find((r) => r.ts.getTime() === Date.parse("2026-11-20T09:35:00Z"))!;
    expect(before.used).toBeLessThan(before.total);
    expect(after.used).toBe(before.used - 1);
  });
});
