"use client";
import { CsvDownloadButton } from "@/components/csv-download-button";
import { fmtPct, fmtUsd } from "@/components/format";
import { Panel } from "@/components/panel";
import type { TBilledVsEstimated } from "@/lib/billing/billed-vs-estimated-dto";
import type { CsvColumn } from "@/lib/csv";

type GroupDay = TBilledVsEstimated["byModelDay"][number];

const csv = (keyHeader: string): CsvColumn<GroupDay>[] => [
  { header: "day_utc", value: (r) => r.day },
  { header: keyHeader, value: (r) => r.key },
  { header: "billed_effective_usd", value: (r) => r.billedUsd },
  { header: "estimated_usd", value: (r) => r.estimatedUsd },
  { header: "drift_usd", value: (r) => r.driftUsd },
  { header: "drift_pct", value: (r) => r.driftPct },
];

/** Billed vs estimated per model or chip family and day (newest day first); "—" where a side is missing. */
export function GroupDaysTable(props: {
  title: string;
  testId: string;
  keyLabel: string;
  keyHeader: string;
  note?: string;
  rows: GroupDay[];
}) {
  const rows = [...props.rows].sort((a, b) => b.day.localeCompare(a.day) || a.key.localeCompare(b.key));
  return (
    <Panel
      title={props.title}
      testId={props.testId}
      actions={<CsvDownloadButton filename={`${props.testId}.csv`} columns={csv(props.keyHeader)} rows={rows} />}
    >
      {props.note && <p className="muted small">{props.note}</p>}
      <div className="scroll-x" tabIndex={0} role="region" aria-label={props.title}>
        <table>
          <thead>
            <tr>
              <th>Day (UTC)</th>
              <th>{props.keyLabel}</th>
              <th className="num">Billed $</th>
              <th className="num">Estimated $</th>
              <th className="num">Drift $</th>
              <th className="num">Drift %</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.day}|${r.key}`} data-day={r.day} data-key={r.key}>
                <td>{r.day}</td>
                <td>{r.key}</td>
                <td className="num">{fmtUsd(r.billedUsd)}</td>
                <td className="num">{fmtUsd(r.estimatedUsd)}</td>
                <td className="num">{fmtUsd(r.driftUsd)}</td>
                <td className="num">{fmtPct(r.driftPct)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
