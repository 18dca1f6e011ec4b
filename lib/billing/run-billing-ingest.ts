import "server-only";
import { LOCKS, runExclusive } from "@/lib/db/run-exclusive";
import { getLogger } from "@/lib/observability/logger";
import { ingestBillingExport } from "./ingest-billing-export";
import type { BillingExportSource } from "./types";

/** One billing ingest tick under its advisory lock (one replica at a time); logs what it did. */
export async function runBillingIngest(source: BillingExportSource): Promise<void> {
  const report = await runExclusive(LOCKS.billingIngest, () => ingestBillingExport({ source }));
  if (!report) return;
  const replaced = report.periods.filter((p) => p.status === "replaced");
  if (replaced.length > 0)
    getLogger().info(
      { source: source.name, periods: replaced.map((p) => ({ period: p.period, rows: p.rows })) },
      "billing periods ingested",
    );
  if (report.errors.length > 0)
    getLogger().error({ source: source.name, errors: report.errors }, "billing ingest problems");
}
