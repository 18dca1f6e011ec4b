// Hand-written FOCUS CSV files for the billing tests, built here (not by the app's writer) so the
// ingest is checked against files it did not produce.
import { gzipSync } from "node:zlib";

export const HEADER = [
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
  "x_Operation",
] as const;

export type FixtureRow = Partial<Record<(typeof HEADER)[number], string>>;

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** One instance-hour (or any charge) on `day` at `hour`, December 2026 billing period. */
export function hourRow(day: number, hour: number, over: FixtureRow): FixtureRow {
  const start = new Date(Date.UTC(2026, 11, day, hour));
  const end = new Date(start.getTime() + 3_600_000);
  return {
    BillingPeriodStart: "2026-12-01T00:00:00Z",
    BillingPeriodEnd: "2027-01-01T00:00:00Z",
    ChargePeriodStart: start.toISOString().replace(".000", ""),
    ChargePeriodEnd: end.toISOString().replace(".000", ""),
    ChargeCategory: "Usage",
    ServiceName: "Amazon Elastic Compute Cloud",
    RegionId: "us-east-1",
    PricingQuantity: "1",
    Tags: "{}",
    x_Operation: "RunInstances",
    ...over,
  };
}

export function focusCsv(rows: FixtureRow[]): string {
  return [HEADER.join(","), ...rows.map((r) => HEADER.map((h) => quote(r[h] ?? "")).join(","))].join("\r\n") + "\r\n";
}

export const focusCsvGz = (rows: FixtureRow[]) => new Uint8Array(gzipSync(focusCsv(rows)));
