import "server-only";
import { getPrisma } from "@/lib/db";
import type { FocusRow } from "./focus-row";
import { loadFleetIndex } from "./load-fleet-index";
import { mapLineItems } from "./map-line-item";
import { readExportFile } from "./read-export-file";
import { replaceBillingPeriod } from "./replace-billing-period";
import { type BillingExportSource, billingPeriodOfKey, type ExportFileRef } from "./types";

// Ingests a FOCUS export, one billing period at a time. A period whose files (keys and ETags) are
// what was ingested last time is skipped without a read. Otherwise every file of the period is
// read and validated first; only when all are valid does one transaction replace the period's rows
// (AWS restates a month by rewriting its files). A malformed file is recorded as failed with its
// name and row, contributes nothing, and leaves the period's previous rows in place.

export type PeriodOutcome = {
  period: string;
  status: "unchanged" | "replaced" | "failed";
  files: number;
  rows: number;
  errors: string[];
};

export type BillingIngestReport = { periods: PeriodOutcome[]; errors: string[] };

export async function ingestBillingExport(args: {
  source: BillingExportSource;
  now?: Date;
}): Promise<BillingIngestReport> {
  const prisma = getPrisma();
  const now = args.now ?? new Date();
  const { files: listed, problems } = await args.source.listFiles();
  const errors: string[] = [...problems];
  const byPeriod = new Map<string, ExportFileRef[]>();
  for (const f of listed) {
    const period = billingPeriodOfKey(f.key);
    if (period === null) {
      errors.push(`${f.key}: not under a BILLING_PERIOD=YYYY-MM folder, skipped`);
      continue;
    }
    const list = byPeriod.get(period);
    if (list) list.push(f);
    else byPeriod.set(period, [f]);
  }
  const stored = await prisma.billingExportFile.findMany({ select: { key: true, etag: true, billingPeriod: true } });
  const periods: PeriodOutcome[] = [];
  for (const [period, files] of [...byPeriod].sort(([a], [b]) => a.localeCompare(b))) {
    const before = stored.filter((s) => s.billingPeriod === period);
    const same =
      before.length === files.length && files.every((f) => before.some((s) => s.key === f.key && s.etag === f.etag));
    if (same) {
      periods.push({ period, status: "unchanged", files: files.length, rows: 0, errors: [] });
      continue;
    }
    const outcome = await ingestPeriod({ source: args.source, period, files, now });
    errors.push(...outcome.errors);
    periods.push(outcome);
  }
  return { periods, errors };
}

async function ingestPeriod(args: {
  source: BillingExportSource;
  period: string;
  files: ExportFileRef[];
  now: Date;
}): Promise<PeriodOutcome> {
  const { source, period, files, now } = args;
  const prisma = getPrisma();
  const read: { file: ExportFileRef; rows: { rowNumber: number; row: FocusRow }[] }[] = [];
  const failed: { file: ExportFileRef; error: string }[] = [];
  for (const file of [...files].sort((a, b) => a.key.localeCompare(b.key))) {
    const result = await readExportFile({ key: file.key, bytes: await source.readFile(file.key) });
    if (result.ok) read.push({ file, rows: result.rows });
    else failed.push({ file, error: result.error });
  }
  if (failed.length > 0) {
    // Only the failed files are recorded (with their ETag, so an unchanged broken file is not
    // re-read as new); the period's earlier rows and file records stay as they were.
    await prisma.$transaction(
      failed.map(({ file, error }) =>
        prisma.billingExportFile.upsert({
          where: { key: file.key },
          create: {
            key: file.key,
            etag: file.etag,
            billingPeriod: period,
            status: "failed",
            rowCount: 0,
            error,
            ingestedAt: now,
          },
          update: { etag: file.etag, status: "failed", rowCount: 0, error, ingestedAt: now },
        }),
      ),
    );
    const messages = failed.map((f) => f.error);
    return { period, status: "failed", files: files.length, rows: 0, errors: messages };
  }
  const allRows = read.flatMap((r) => r.rows.map((x) => ({ ...x, fileKey: r.file.key })));
  const mapping = mapLineItems(
    allRows.map((r) => r.row),
    await loadFleetIndex(),
  );
  await replaceBillingPeriod({
    period,
    now,
    files: read.map(({ file, rows }) => ({ key: file.key, etag: file.etag, rowCount: rows.length })),
    rows: allRows.map((r, i) => ({ ...r, mapping: mapping[i]! })),
  });
  return { period, status: "replaced", files: files.length, rows: allRows.length, errors: [] };
}
