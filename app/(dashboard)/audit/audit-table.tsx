"use client";
import { DataTable } from "@/components/data-table/data-table";
import type { TAuditEventDto } from "@/lib/audit/audit-event-dto";
import { AUDIT_TABLE_PREFIX } from "@/lib/audit/audit-filters";
import { AUDIT_COLUMNS } from "./audit-columns";

/**
 * The events of this page, one row each. The filter box and sort rearrange the page's events
 * only (the form above queries the server); they live in the URL under their own prefix.
 */
export function AuditTable({ events }: { events: TAuditEventDto[] }) {
  return (
    <DataTable
      testId="audit-table"
      label="Audit events"
      columns={AUDIT_COLUMNS}
      rows={events}
      rowKey={(e) => e.id}
      rowAttributes={(e) => ({ "data-event-id": e.id })}
      searchPlaceholder="within this page"
      urlPrefix={AUDIT_TABLE_PREFIX}
      csvFilename="audit-shown.csv"
    />
  );
}
