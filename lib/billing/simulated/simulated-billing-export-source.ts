import "server-only";
import { createHash } from "node:crypto";
import { getPrisma } from "@/lib/db";
import { loadPoolPricing } from "@/lib/cost/load-pool-pricing";
import { DAY_MS, utcDay } from "../compare-billed";
import type { BillingExportSource, ExportFileRef } from "../types";
import { buildSimulatedFocusRows, type SimBillPool } from "./build-simulated-focus-rows";
import { type PoolDayUsage, queryPoolDayUsage } from "./query-pool-day-usage";
import { writeFocusCsvGz } from "./write-focus-csv";

// The simulated fleet's FOCUS export: one CSV.gz per billing period, laid out as AWS Data Exports
// writes to S3 (…/data/BILLING_PERIOD=YYYY-MM/…), built from the stored telemetry minutes when the
// export is listed. The bill lags: it covers whole UTC days before yesterday. The ETag is the
// content's hash, so a period is re-ingested exactly when its bill changed (a new day, a restatement).

export const SIM_EXPORT_ROOT = "simulated/fleet-focus";
export const SIM_BILL_LAG_DAYS = 1;

export function createSimulatedBillingExportSource(opts: { now?: () => Date } = {}): BillingExportSource {
  const files = new Map<string, Uint8Array>();
  // A billed day's usage never changes once the day is over (the simulated fleet writes no late
  // minutes): kept per day, so a tick reads only the days billed since the last one.
  const usageByDay = new Map<number, PoolDayUsage[]>();
  return {
    name: "simulated",
    async listFiles() {
      files.clear();
      const now = opts.now?.() ?? new Date();
      const billedUntil = new Date(utcDay(now).getTime() - SIM_BILL_LAG_DAYS * DAY_MS);
      const prisma = getPrisma();
      const first = await prisma.$queryRaw<{ first: Date | null }[]>`SELECT min(ts) AS first FROM telemetry_minute`;
      if (!first[0]?.first || first[0].first >= billedUntil) return { files: [], problems: [] };
      const from = utcDay(first[0].first);
      let missingFrom = from.getTime();
      while (usageByDay.has(missingFrom) && missingFrom < billedUntil.getTime()) missingFrom += DAY_MS;
      const [fresh, pools, reservations] = await Promise.all([
        missingFrom < billedUntil.getTime()
          ? queryPoolDayUsage({ from: new Date(missingFrom), to: billedUntil })
          : Promise.resolve([]),
        prisma.pool.findMany({
          select: {
            id: true,
            region: true,
            chipFamily: true,
            instanceType: true,
            backingKind: true,
            backingId: true,
            clusterName: true,
          },
        }),
        prisma.capacityReservation.findMany({ select: { id: true, poolId: true }, orderBy: { id: "asc" } }),
      ]);
      for (let t = missingFrom; t < billedUntil.getTime(); t += DAY_MS) usageByDay.set(t, []);
      for (const u of fresh) usageByDay.get(u.day.getTime())?.push(u);
      const usage = [...usageByDay]
        .filter(([t]) => t >= from.getTime() && t < billedUntil.getTime())
        .flatMap(([, u]) => u);
      const pricing = await loadPoolPricing(pools.map((p) => p.id));
      const billPools: SimBillPool[] = pools.map((p) => ({
        ...p,
        onDemandUsdPerHour: pricing.get(p.id)!.onDemandUsdPerHour,
        reservationId: reservations.find((r) => r.poolId === p.id)?.id ?? null,
      }));
      const rows = buildSimulatedFocusRows({ usage, pools: billPools, firstDay: from, billedUntil });
      const byPeriod = new Map<string, typeof rows>();
      for (const row of rows) {
        const period = row.BillingPeriodStart!.slice(0, 7);
        const list = byPeriod.get(period);
        if (list) list.push(row);
        else byPeriod.set(period, [row]);
      }
      const refs: ExportFileRef[] = [];
      for (const [period, periodRows] of byPeriod) {
        const key = `${SIM_EXPORT_ROOT}/data/BILLING_PERIOD=${period}/fleet-focus-00001.csv.gz`;
        const bytes = writeFocusCsvGz(periodRows);
        files.set(key, bytes);
        refs.push({ key, etag: `"${createHash("md5").update(bytes).digest("hex")}"` });
      }
      return { files: refs, problems: [] };
    },
    async readFile(key) {
      const bytes = files.get(key);
      if (!bytes) throw new Error(`simulated export: no file ${key} (list the export first)`);
      return bytes;
    },
  };
}
