import { gzipSync } from "node:zlib";
import type { FocusCsvRow } from "./build-simulated-focus-rows";

// FOCUS rows as AWS writes a CSV.gz export file: a header of column names, RFC 4180 quoting.
// Not lib/csv.ts: that one guards spreadsheet users against formulas (a leading "-" gets a quote),
// which would corrupt a negative cost.
export const SIM_FOCUS_COLUMNS = [
  "BillingPeriodStart",
  "BillingPeriodEnd",
  "ChargePeriodStart",
  "ChargePeriodEnd",
  "ChargeCategory",
  "ChargeDescription",
  "ServiceName",
  "ResourceId",
  "RegionId",
  "PricingQuantity",
  "ListCost",
  "BilledCost",
  "EffectiveCost",
  "CommitmentDiscountId",
  "CommitmentDiscountStatus",
  "CapacityReservationId",
  "CapacityReservationStatus",
  "Tags",
] as const;

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function writeFocusCsvGz(rows: FocusCsvRow[]): Uint8Array {
  const lines = [SIM_FOCUS_COLUMNS.join(",")];
  for (const row of rows) lines.push(SIM_FOCUS_COLUMNS.map((c) => quote(row[c] ?? "")).join(","));
  return new Uint8Array(gzipSync(lines.join("\r\n") + "\r\n"));
}
