import { beforeAll, describe, expect, it } from "vitest";
import { getPool, getPrisma } from "@/lib/db";
import { getTrainingOverview, VELOCITY_WINDOW_DAYS } from "@/lib/training/get-training-overview";
import { useTestDatabase } from "../setup/test-database";

// Iteration velocity from the read model against independent SQL over the raw TrainingRun rows
// (percentile_cont for the medians, on-demand instance-hours for the cost), plus one hand-computed row.
useTestDatabase();

const now = new Date("2026-11-30T00:00:00Z");
const at = (iso: string) => new Date(iso);
const MIN = 60_000;
const HOUR = 3_600_000;

type Row = [string, string, string, number, string, number | null, number | null, number | null, string];
// id, model, team, instances, queued, queue wait min, to first step min, hours run, outcome
const RUNS: Row[] = [
  ["v-1", "m-alpha", "t-one", 4, "2026-10-10T00:00:00Z", 30, 20, 10, "succeeded"],
  ["v-2", "m-alpha", "t-one", 4, "2026-10-20T00:00:00Z", 90, 25, 5, "failed"],
  ["v-3", "m-alpha", "t-one", 8, "2026-11-01T06:00:00Z", 10, 40, 12, "succeeded"],
  ["v-4", "m-alpha", "t-one", 8, "2026-11-20T00:00:00Z", 60, 15, 8, "succeeded"],
  ["v-5", "m-beta", "t-one", 2, "2026-11-05T00:00:00Z", 5, 10, 3, "succeeded"],
  ["v-6", "m-beta", "t-two", 2, "2026-11-25T00:00:00Z", 45, null, null, "running"],
  ["v-7", "m-beta", "t-two", 2, "2026-11-29T12:00:00Z", null, null, null, "queued"],
  // Queued before the 8-week window: counted nowhere.
  ["v-8", "m-alpha", "t-one", 4, "2026-09-01T00:00:00Z", 1, 1, 1, "succeeded"],
];

beforeAll(async () => {
  const prisma = getPrisma();
  await prisma.instancePrice.create({
    data: { instanceType: "trn1.32xlarge", region: "us-east-1", onDemandUsdPerHour: 20, reservedUsdPerHour: 12 },
  });
  await prisma.trainingRun.createMany({
    data: RUNS.map(([id, model, team, instances, queued, wait, toFirst, hours, outcome]) => {
      const queuedAt = at(queued);
      const startedAt = wait === null ? null : new Date(queuedAt.getTime() + wait * MIN);
      return {
        id,
        sourceKey: `test/${id}`,
        name: id,
        model,
        team,
        pools: ["p"],
        instanceType: "trn1.32xlarge",
        region: "us-east-1",
        instances,
        neuronCores: instances * 32,
        queuedAt,
        startedAt,
        firstStepAt: startedAt && toFirst !== null ? new Date(startedAt.getTime() + toFirst * MIN) : null,
        endedAt: startedAt && hours !== null ? new Date(startedAt.getTime() + hours * HOUR) : null,
        outcome: outcome as "succeeded",
        targetTokens: 1e9,
      };
    }),
  });
});

type SqlRow = {
  key: string;
  runs: number;
  wait: number | null;
  first: number | null;
  succeeded: number;
  cost: number | null;
};

async function sqlVelocity(column: "model" | "team"): Promise<SqlRow[]> {
  const from = new Date(now.getTime() - VELOCITY_WINDOW_DAYS * 86_400_000);
  const { rows } = await getPool().query<SqlRow>(
    `SELECT r.${column} AS key,
       count(*)::int AS runs,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r."startedAt" - r."queuedAt") / 60) AS wait,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r."firstStepAt" - r."startedAt") / 60) AS first,
       (count(*) FILTER (WHERE r.outcome = 'succeeded'))::int AS succeeded,
       avg(r.instances * extract(epoch FROM r."endedAt" - r."startedAt") / 3600 * p."onDemandUsdPerHour")
         FILTER (WHERE r.outcome = 'succeeded') AS cost
     FROM "TrainingRun" r JOIN "InstancePrice" p ON p."instanceType" = r."instanceType" AND p.region = r.region
     WHERE r."queuedAt" >= $1 AND r."queuedAt" < $2
     GROUP BY 1 ORDER BY 1`,
    [from, now],
  );
  return rows;
}

describe("iteration velocity", () => {
  for (const column of ["model", "team"] as const) {
    it(`by ${column} equals SQL over the raw rows`, async () => {
      const o = await getTrainingOverview({ now });
      const rows = column === "model" ? o.velocity.byModel : o.velocity.byTeam;
      const sql = await sqlVelocity(column);
      expect(rows.map((r) => r.key)).toEqual(sql.map((r) => r.key));
      for (const s of sql) {
        const r = rows.find((x) => x.key === s.key)!;
        expect(r.runs).toBe(s.runs);
        expect(r.runsPerWeek).toBeCloseTo(s.runs / (VELOCITY_WINDOW_DAYS / 7), 9);
        expect(r.medianQueueWaitMinutes ?? null).toBe(s.wait === null ? null : Number(s.wait));
        expect(r.medianTimeToFirstStepMinutes ?? null).toBe(s.first === null ? null : Number(s.first));
        expect(r.succeeded).toBe(s.succeeded);
        expect(r.costPerSuccessfulRunUsd).toBe(s.cost === null ? null : Number(s.cost).toFixed(2));
      }
    });
  }

  it("m-alpha by hand: 4 runs in 8 weeks, medians 45 and 22.5 min, $1,333.33 per successful run", async () => {
    // The window is [2026-10-05, 2026-11-30): v-1 (wait 30, first 20), v-2 (90, 25), v-3 (10, 40),
    // v-4 (60, 15); v-8 is older. Median wait of 10, 30, 60, 90 = 45; of 15, 20, 25, 40 = 22.5.
    // Successful: v-1 4 × 10 h × $20 = $800, v-3 8 × 12 h × $20 = $1,920, v-4 8 × 8 h × $20 = $1,280
    // → $4,000 / 3 = $1,333.33.
    const o = await getTrainingOverview({ now });
    const alpha = o.velocity.byModel.find((r) => r.key === "m-alpha")!;
    expect(alpha).toMatchObject({
      runs: 4,
      medianQueueWaitMinutes: 45,
      medianTimeToFirstStepMinutes: 22.5,
      succeeded: 3,
      costPerSuccessfulRunUsd: "1333.33",
    });
    expect(alpha.runsPerWeek).toBeCloseTo(4 / 8, 12);
  });
});
