import "server-only";
import { toCsv } from "@/lib/csv";
import { AUDIT_CSV_COLUMNS } from "./audit-csv-columns";
import { listAuditEvents } from "./list-audit-events";

/** At most this many rows per export: a bounded response; narrow the filters for more. */
export const MAX_EXPORT_ROWS = 10_000;

/** Every event matching the filters (up to MAX_EXPORT_ROWS, newest first) as CSV. */
export async function exportAuditEventsCsv(args: {
  query: unknown;
  now?: Date;
}): Promise<{ csv: string; filename: string; truncated: boolean }> {
  const page = await listAuditEvents({ query: args.query, now: args.now, maxRows: MAX_EXPORT_ROWS });
  const stamp = (iso: string) => iso.slice(0, 16).replace(/[-:]/g, "");
  return {
    csv: toCsv(AUDIT_CSV_COLUMNS, page.events),
    filename: `audit-${stamp(page.range.from)}-${stamp(page.range.to)}.csv`,
    truncated: page.nextBefore !== null,
  };
}
