// The commitment's burn from the bill, end to end on the simulated fleet: telemetry backfilled, the
// simulated FOCUS export ingested, plus two line items written here (another service's storage,
// counted; a tax, not counted). Every figure is recomputed by SQL written here from the raw
// BillingLineItem rows and telemetry minutes.
import { beforeAll, describe, expect, it } from "vitest";
import { ZCommitmentBurn } from "@/lib/capacity/capacity-dto";
import { getCommitmentBurn } from "@/lib/capacity/get-commitment-burn";
import { ingestBillingExport } from "@/lib/billing/ingest-billing-export";
import { createSimulatedBillingExportSource } from "@/lib/billing/simulated/simulated-billing-export-source";
import { getPool } from "@/lib/db";
import { createSimulatedTelemetrySource } from "@/lib/simulator/simulated-telemetry-source";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { expectUsd } from "../setup/expect-usd";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

const DAY_MS = 86_400_000;
const now = new Date();
const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
let dataEnd: Date;

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await getPool().query(text, params)).rows as T[];
}

beforeAll(async () => {
  await seedSimulatedFleet();
  const result = await runIngest({ source: createSimulatedTelemetrySource({ seed: 11 }), backfillDays: 4 });
  expect(result.error).toBeUndefined();
  const report = await ingestBillingExport({ source: createSimulatedBillingExportSource({ now: () => now }) });
  expect(report.errors).toEqual([]);
  const [latest] = await sql<{ latest: Date }>(`SELECT max(ts) AS latest FROM telemetry_minute`);
  dataEnd = new Date(latest!.latest.getTime() + 60_000);
  // Two charges of other services on the newest billed day (today − 2): storage counts, tax does not.
  const day = new Date(today - 2 * DAY_MS);
  await sql(`INSERT INTO "BillingExportFile" (key, etag, "billingPeriod", status, "rowCount", "ingestedAt")
             VALUES ('extra/other-services.csv', 'x', 'extra', 'ingested', 2, now())`);
  for (const [n, category, service, usd] of [
    [1, "Usage", "Amazon Simple Storage Service", "1234.5678"],
    [2, "Tax", "Amazon Elastic Compute Cloud", "999.99"],
  ] as const)
    await sql(
      `INSERT INTO "BillingLineItem" ("fileKey", "rowNumber", "billingPeriod", "billingPeriodStart", "chargePeriodStart",
         "chargePeriodEnd", "chargeCategory", "serviceName", "listCost", "billedCost", "effectiveCost", tags)
       VALUES ('extra/other-services.csv', $1, 'extra', $2, $2, $3, $4, $5, $6, $6, $6, '{}')`,
      [n, day, new Date(day.getTime() + 3_600_000), category, service, usd],
    );
}, 300_000);

describe("commitment burn from the bill", () => {
  it("burns the bill (all services, before tax) up to its boundary and the estimate after it, as SQL over the raw rows", async () => {
    const [c] = (await getCommitmentBurn({ end: dataEnd })).map((b) => ZCommitmentBurn.parse(b));
    const [commitment] = await sql<{ prior: number; total: number; start: Date; end: Date }>(
      `SELECT "priorSpendUsd" AS prior, "totalUsd" AS total, "startAt" AS start, "endAt" AS end FROM "Commitment"`,
    );
    const billedUntil = new Date(today - DAY_MS); // the simulated bill lags a day
    expect(c!.billedUntil).toBe(billedUntil.toISOString());
    const billDays = await sql<{ day: Date; counted: string; fleet: string }>(
      `SELECT date_trunc('day', "chargePeriodStart" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS day,
         sum("effectiveCost") FILTER (WHERE "chargeCategory" <> 'Tax')::text AS counted,
         coalesce(sum("effectiveCost") FILTER (WHERE "chargeCategory" <> 'Tax' AND "poolId" IS NOT NULL), 0)::text AS fleet
       FROM "BillingLineItem" WHERE "chargePeriodStart" >= $1 AND "chargePeriodStart" < $2 GROUP BY 1 ORDER BY 1`,
      [commitment!.start, billedUntil],
    );
    expect(c!.billFrom).toBe(billDays[0]!.day.toISOString());
    const billed = billDays.reduce((a, d) => a + Number(d.counted), 0);
    const fleet = billDays.reduce((a, d) => a + Number(d.fleet), 0);
    expectUsd(c!.fleetBilledUsd, fleet);
    expect(c!.fleetSharePct!).toBeCloseTo((100 * fleet) / billed, 9);
    // The storage row is in the bill, not the fleet's; the tax is in neither.
    expect(billed - fleet).toBeCloseTo(1234.5678, 6);
    // Other services per estimated day: their mean over the (fewer than 7) billed days.
    const otherPerDay = (billed - fleet) / billDays.length;
    expectUsd(c!.otherServicesUsdPerDay, otherPerDay);
    const estimateDays = await sql<{ usd: number }>(
      `SELECT sum(spend_usd + idle_reserved_usd)::float8 AS usd FROM telemetry_minute WHERE ts >= $1 AND ts < $2
       GROUP BY date_trunc('day', ts AT TIME ZONE 'UTC')`,
      [billedUntil, dataEnd],
    );
    const estimated = estimateDays.reduce((a, d) => a + d.usd + otherPerDay, 0);
    // Footed parts (each within a cent) of burned to date, the exact sum rounded once.
    expect(Math.abs(Number(c!.billedUsd) - billed)).toBeLessThan(0.01);
    expect(Math.abs(Number(c!.estimatedUsd) - estimated)).toBeLessThan(0.01);
    expectUsd(c!.burnedToDateUsd, commitment!.prior + billed + estimated);
    expect(c!.days.filter((d) => d.kind === "billed")).toHaveLength(billDays.length);
    expect(c!.days.filter((d) => d.kind === "estimated")).toHaveLength(estimateDays.length);
    // The chart: the bill's line ends where the estimate's starts, at the boundary.
    const boundary = c!.points.find((p) => p.t === billedUntil.toISOString())!;
    expect(boundary.billed).not.toBeNull();
    expect(boundary.estimated).toBe(boundary.billed);
    expect(boundary.billed!).toBeCloseTo(commitment!.prior + billed, 4);
  });
});
