"use client";
import Link from "next/link";
import { useState } from "react";
import { CsvDownloadButton } from "@/components/csv-download-button";
import { fmtPct, fmtUsd, fmtUtc } from "@/components/format";
import { Panel } from "@/components/panel";
import { usdToCents } from "@/lib/money/usd";
import type { TBilledVsEstimated, TBilledVsEstimatedRow } from "@/lib/billing/billed-vs-estimated-dto";
import type { CsvColumn } from "@/lib/csv";

type Data = TBilledVsEstimated;

const POOL_DAY_CSV: CsvColumn<TBilledVsEstimatedRow>[] = [
  { header: "day_utc", value: (r) => r.day },
  { header: "pool", value: (r) => r.poolId },
  { header: "chip_family", value: (r) => r.chipFamily },
  { header: "instance_type", value: (r) => r.instanceType },
  { header: "billed_effective_usd", value: (r) => r.billedUsd },
  { header: "billed_list_usd", value: (r) => r.listUsd },
  { header: "estimated_usd", value: (r) => r.estimatedUsd },
  { header: "drift_usd", value: (r) => r.driftUsd },
  { header: "drift_pct", value: (r) => r.driftPct },
  { header: "over_threshold", value: (r) => String(r.overThreshold) },
];

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

/** |drift| in cents, for sorting (no drift: 0). */
const driftCents = (r: TBilledVsEstimatedRow) => (r.driftUsd === null ? 0 : Math.abs(usdToCents(r.driftUsd)));

export function PoolDaysTable({ rows }: { rows: TBilledVsEstimatedRow[] }) {
  const [onlyOver, setOnlyOver] = useState(false);
  const shown = (onlyOver ? rows.filter((r) => r.overThreshold) : rows)
    .slice()
    .sort((a, b) => b.day.localeCompare(a.day) || driftCents(b) - driftCents(a));
  return (
    <Panel
      title="Per pool and day"
      testId="billing-pool-days"
      actions={
        <>
          <label>
            <input type="checkbox" checked={onlyOver} onChange={(e) => setOnlyOver(e.target.checked)} /> only over
            threshold
          </label>
          <CsvDownloadButton filename="billed-vs-estimated.csv" columns={POOL_DAY_CSV} rows={shown} />
        </>
      }
    >
      <div className="scroll-x">
        <table>
          <thead>
            <tr>
              <th>Day (UTC)</th>
              <th>Pool</th>
              <th>Chip</th>
              <th className="num">Billed $</th>
              <th className="num">List $</th>
              <th className="num">Estimated $</th>
              <th className="num">Drift $</th>
              <th className="num">Drift %</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={`${r.day}|${r.poolId}`} data-over={r.overThreshold ? "true" : undefined}>
                <td>{r.day}</td>
                <td>
                  <Link href={`/pools/${encodeURIComponent(r.poolId)}`}>{r.poolId}</Link>
                </td>
                <td>{r.chipFamily}</td>
                <td className="num">{fmtUsd(r.billedUsd)}</td>
                <td className="num">{fmtUsd(r.listUsd)}</td>
                <td className="num">{fmtUsd(r.estimatedUsd)}</td>
                <td className={`num ${r.overThreshold ? "bad-text" : ""}`}>{fmtUsd(r.driftUsd)}</td>
                <td className={`num ${r.overThreshold ? "bad-text" : ""}`}>{fmtPct(r.driftPct)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
