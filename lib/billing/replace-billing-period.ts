import "server-only";
import { getPool } from "@/lib/db";
import type { FocusRow } from "./focus-row";
import type { LineItemMapping } from "./map-line-item";

// Replaces one billing period's files and line items in one transaction on the shared pg pool.
// Raw SQL with one unnest() INSERT per chunk of rows (every value a parameter): Prisma's createMany
// through the driver adapter inserted ~600 rows/s (bench/billing-ingest.ts), far too slow for a
// month of instance-hours. Deleting the period's file records deletes their rows (cascade).

export type PeriodFile = { key: string; etag: string; rowCount: number };
export type PeriodRow = { fileKey: string; rowNumber: number; row: FocusRow; mapping: LineItemMapping };

const CHUNK = 10_000;

const INSERT_ITEMS = `
  INSERT INTO "BillingLineItem" ("fileKey", "rowNumber", "billingPeriod", "billingPeriodStart", "chargePeriodStart",
    "chargePeriodEnd", "chargeCategory", "chargeDescription", "serviceName", "resourceId", "regionId",
    "pricingQuantity", "listCost", "billedCost", "effectiveCost", "commitmentDiscountId", "commitmentDiscountStatus",
    "capacityReservationId", "capacityReservationStatus", tags, "poolId", "mappedBy")
  SELECT f, n, $3, b, cs, ce, cat, descr, svc, res, reg, q, lc, bc, ec, cdi, cds, cri, crs, t, pool, how
  FROM unnest($1::text[], $2::int[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::text[],
    $8::text[], $9::text[], $10::text[], $11::text[], $12::numeric[], $13::numeric[], $14::numeric[],
    $15::numeric[], $16::text[], $17::text[], $18::text[], $19::text[], $20::jsonb[], $21::text[], $22::text[])
    AS u(f, n, b, cs, ce, cat, descr, svc, res, reg, q, lc, bc, ec, cdi, cds, cri, crs, t, pool, how)`;

function itemParams(period: string, rows: PeriodRow[]): unknown[] {
  const col = <T>(pick: (r: PeriodRow) => T) => rows.map(pick);
  return [
    col((r) => r.fileKey),
    col((r) => r.rowNumber),
    period,
    col((r) => r.row.BillingPeriodStart.toISOString()),
    col((r) => r.row.ChargePeriodStart.toISOString()),
    col((r) => r.row.ChargePeriodEnd.toISOString()),
    col((r) => r.row.ChargeCategory),
    col((r) => r.row.ChargeDescription),
    col((r) => r.row.ServiceName),
    col((r) => r.row.ResourceId),
    col((r) => r.row.RegionId),
    col((r) => r.row.PricingQuantity),
    col((r) => r.row.ListCost),
    col((r) => r.row.BilledCost),
    col((r) => r.row.EffectiveCost),
    col((r) => r.row.CommitmentDiscountId),
    col((r) => r.row.CommitmentDiscountStatus),
    col((r) => r.row.CapacityReservationId),
    col((r) => r.row.CapacityReservationStatus),
    col((r) => JSON.stringify(r.row.Tags)),
    col((r) => r.mapping.poolId),
    col((r) => r.mapping.mappedBy),
  ];
}

export async function replaceBillingPeriod(args: {
  period: string;
  files: PeriodFile[];
  rows: PeriodRow[];
  now: Date;
}): Promise<void> {
  const client = await getPool().connect();
  try {
    await client.query("BEGIN");
    await client.query(`DELETE FROM "BillingExportFile" WHERE "billingPeriod" = $1`, [args.period]);
    await client.query(
      `INSERT INTO "BillingExportFile" (key, etag, "billingPeriod", status, "rowCount", error, "ingestedAt")
       SELECT k, e, $3, 'ingested', n, NULL, $4 FROM unnest($1::text[], $2::text[], $5::int[]) AS u(k, e, n)`,
      [
        args.files.map((f) => f.key),
        args.files.map((f) => f.etag),
        args.period,
        args.now,
        args.files.map((f) => f.rowCount),
      ],
    );
    for (let i = 0; i < args.rows.length; i += CHUNK)
      await client.query(INSERT_ITEMS, itemParams(args.period, args.rows.slice(i, i + CHUNK)));
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
