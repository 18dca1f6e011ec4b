"use client";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { Panel } from "@/components/panel";
import type { TBilledVsEstimated, TBilledVsEstimatedRow } from "@/lib/billing/billed-vs-estimated-dto";
import { CHIP_FAMILY_COLUMNS, DAY_COLUMNS, FILE_COLUMNS } from "./billing-columns";
import { driftCents, POOL_DAY_COLUMNS, POOL_DAY_FILTERS } from "./pool-day-columns";

type Data = TBilledVsEstimated;

export function DaysTable({ days, billedUntil }: { days: Data["days"]; billedUntil: string | null }) {
  const boundary = billedUntil?.slice(0, 10) ?? null;
  const newestFirst = useMemo(() => [...days].reverse(), [days]);
  return (
    <Panel title="Fleet per day" testId="billing-days">
      <DataTable
        testId="billing-days-table"
        label="Fleet per day"
        columns={DAY_COLUMNS}
        rows={newestFirst}
        rowKey={(d) => d.day}
        rowAttributes={(d): Record<`data-${string}`, string> =>
          d.day === boundary ? { "data-day": d.day, "data-boundary": "first-unbilled" } : { "data-day": d.day }
        }
        urlPrefix="d."
        csvFilename="billing-fleet-per-day.csv"
      />
    </Panel>
  );
}

export function ChipFamiliesTable({ families }: { families: Data["chipFamilies"] }) {
  return (
    <Panel title="Billed days per chip family" testId="billing-chip-families">
      <DataTable
        testId="billing-chip-families-table"
        label="Billed days per chip family"
        columns={CHIP_FAMILY_COLUMNS}
        rows={families}
        rowKey={(f) => f.chipFamily}
        rowAttributes={(f) => ({ "data-chip-family": f.chipFamily })}
        urlPrefix="cf."
        csvFilename="billing-chip-families.csv"
      />
    </Panel>
  );
}

export function PoolDaysTable({ rows }: { rows: TBilledVsEstimatedRow[] }) {
  // Unsorted, the newest day first and the largest drift first within a day.
  const ordered = useMemo(
    () => [...rows].sort((a, b) => b.day.localeCompare(a.day) || driftCents(b) - driftCents(a)),
    [rows],
  );
  return (
    <Panel title="Per pool and day" testId="billing-pool-days">
      <DataTable
        testId="billing-pool-days-table"
        label="Pool days"
        columns={POOL_DAY_COLUMNS}
        rows={ordered}
        rowKey={(r) => `${r.day}|${r.poolId}`}
        rowAttributes={(r): Record<`data-${string}`, string> => (r.overThreshold ? { "data-over": "true" } : {})}
        filters={POOL_DAY_FILTERS}
        searchPlaceholder="day, pool, chip, instance type"
        urlPrefix="pd."
        csvFilename="billed-vs-estimated.csv"
      />
    </Panel>
  );
}

export function FilesTable({ files }: { files: Data["files"] }) {
  return (
    <Panel title={`Export files (${files.length})`} testId="billing-files">
      {files.length === 0 ? (
        <p className="muted">None ingested yet.</p>
      ) : (
        <DataTable
          testId="billing-files-table"
          label="Export files"
          columns={FILE_COLUMNS}
          rows={files}
          rowKey={(f) => f.key}
          rowAttributes={(f) => ({ "data-status": f.status })}
          searchPlaceholder="file, period, state"
          urlPrefix="f."
        />
      )}
    </Panel>
  );
}
