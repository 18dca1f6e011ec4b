"use client";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { fmtPct, fmtUsd, fmtUtc } from "@/components/format";
import { Panel } from "@/components/panel";
import type { TBilledVsEstimated, TBilledVsEstimatedRow } from "@/lib/billing/billed-vs-estimated-dto";
import { driftCents, POOL_DAY_COLUMNS, POOL_DAY_FILTERS } from "./pool-day-columns";

type Data = TBilledVsEstimated;

export function DaysTable({ days, billedUntil }: { days: Data["days"]; billedUntil: string | null }) {
  const boundary = billedUntil?.slice(0, 10) ?? null;
  return (
    <Panel title="Fleet per day" testId="billing-days">
      <div className="scroll-x" tabIndex={0} role="region" aria-label="Fleet per day">
        <table>
          <thead>
            <tr>
              <th>Day (UTC)</th>
              <th className="num">Billed $</th>
              <th className="num">Estimated $</th>
              <th className="num">Drift $</th>
              <th className="num">Drift %</th>
              <th>Basis</th>
            </tr>
          </thead>
          <tbody>
            {[...days].reverse().map((d) => (
              <tr key={d.day} data-day={d.day} data-boundary={d.day === boundary ? "first-unbilled" : undefined}>
                <td>{d.day}</td>
                <td className="num">{fmtUsd(d.billedUsd)}</td>
                <td className="num">{fmtUsd(d.estimatedUsd)}</td>
                <td className="num">{fmtUsd(d.driftUsd)}</td>
                <td className="num">{fmtPct(d.driftPct)}</td>
                <td>
                  {d.billedUsd === null ? (
                    <span className="badge warn">estimate only</span>
                  ) : (
                    <span className="badge ok">bill</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

export function ChipFamiliesTable({ families }: { families: Data["chipFamilies"] }) {
  return (
    <Panel title="Billed days per chip family" testId="billing-chip-families">
      <div className="scroll-x" tabIndex={0} role="region" aria-label="Billed days per chip family">
        <table>
          <thead>
            <tr>
              <th>Chip family</th>
              <th className="num">Billed $</th>
              <th className="num">Estimated $</th>
              <th className="num">Drift $</th>
              <th className="num">Drift %</th>
            </tr>
          </thead>
          <tbody>
            {families.map((f) => (
              <tr key={f.chipFamily} data-chip-family={f.chipFamily}>
                <td>{f.chipFamily}</td>
                <td className="num">{fmtUsd(f.billedUsd)}</td>
                <td className="num">{fmtUsd(f.estimatedUsd)}</td>
                <td className="num">{fmtUsd(f.driftUsd)}</td>
                <td className="num">{fmtPct(f.driftPct)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
        <div className="scroll-x" tabIndex={0} role="region" aria-label="Export files">
          <table>
            <thead>
              <tr>
                <th>File</th>
                <th>Period</th>
                <th>State</th>
                <th className="num">Rows</th>
                <th>Ingested</th>
              </tr>
            </thead>
            <tbody>
              {files.map((f) => (
                <tr key={f.key} data-status={f.status}>
                  <td>
                    <code>{f.key}</code>
                    {f.error && <div className="bad-text small">{f.error}</div>}
                  </td>
                  <td>{f.billingPeriod}</td>
                  <td>
                    <span className={`badge ${f.status === "failed" ? "bad" : "ok"}`}>{f.status}</span>
                  </td>
                  <td className="num">{f.rowCount}</td>
                  <td>{fmtUtc(f.ingestedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
