"use client";
import Link from "next/link";
import { RangeLink } from "@/components/range-link";
import { CsvDownloadButton } from "@/components/csv-download-button";
import { fmtMs, fmtPct, fmtUsd, fmtUsdPerHour } from "@/components/format";
import { Panel } from "@/components/panel";
import type { CsvColumn } from "@/lib/csv";
import type { TAttentionItem } from "@/lib/overview/on-call-dto";

const SEVERITY_BADGE = { critical: "bad", warning: "warn", info: "" } as const;

/** One sentence per item, with units; also the CSV's message column. */
export function describeAttention(item: TAttentionItem): string {
  switch (item.kind) {
    case "telemetry_stale":
      return item.value < 0
        ? "No telemetry stored yet"
        : `Telemetry is ${Math.round(item.value / 60)} min behind (stale after ${item.threshold / 60} min)`;
    case "slo_breach":
      return `${item.modelName} on ${item.poolId}: p95 ${fmtMs(item.value)} over its ${fmtMs(item.threshold)} SLO`;
    case "hot_pool":
      return `${item.poolId} at ${fmtPct(item.value)} utilization (above ${item.threshold} %)`;
    case "idle_reserved":
      return `${item.poolId}: ${item.value.toFixed(1)} of ${item.threshold.toFixed(0)} reserved ${item.instanceType} idle (${item.usdPerHour === null ? "no data" : fmtUsdPerHour(item.usdPerHour)} now)`;
    case "reservation_expiring":
      return `Reservation ${item.reservationId} (${item.threshold} × ${item.instanceType}${item.poolId ? ` for ${item.poolId}` : ""}) expires in ${item.value.toFixed(1)} days`;
    case "billing_drift":
      return `Bill vs estimate on ${item.poolId}: ${item.detail ?? `drift ${fmtUsd(item.value)}`}`;
    case "inventory_problem":
      return `Inventory: ${item.detail ?? "a problem"}`;
    case "training_at_risk":
      return `Training: ${item.detail ?? `run ${item.runId} will not finish before its Capacity Block ends`}`;
    case "approval_pending":
      return `Approval pending: ${item.detail ?? `action ${item.actionId}`}`;
  }
}

const CSV: CsvColumn<TAttentionItem>[] = [
  { header: "severity", value: (i) => i.severity },
  { header: "kind", value: (i) => i.kind },
  { header: "pool", value: (i) => i.poolId },
  { header: "model", value: (i) => i.modelId },
  { header: "reservation", value: (i) => i.reservationId },
  { header: "run", value: (i) => i.runId },
  { header: "value", value: (i) => i.value },
  { header: "threshold", value: (i) => i.threshold },
  { header: "usd_per_hour", value: (i) => i.usdPerHour },
  { header: "message", value: describeAttention },
];

export function NeedsAttentionList({ items, windowLabel }: { items: TAttentionItem[]; windowLabel: string }) {
  return (
    <Panel
      title={`Needs attention (${items.length})`}
      testId="needs-attention"
      actions={<CsvDownloadButton filename="needs-attention.csv" columns={CSV} rows={items} />}
    >
      <p className="muted small">
        Ranked by severity. SLO and utilization over {windowLabel}; idle reservations now (the last 5 complete minutes,
        as the &ldquo;Idle reserved now&rdquo; tile); reservations ending within 30 days; bill vs estimate over the last
        7 days.
      </p>
      {items.length === 0 ? (
        <div className="empty">
          Nothing needs attention: every model is within its SLO, no pool is above 85 % and no reservation sits idle.
        </div>
      ) : (
        <ol style={{ margin: 0, paddingLeft: 20 }}>
          {items.map((item, i) => (
            <li
              key={`${item.kind}-${item.poolId}-${item.modelId}-${item.reservationId}-${i}`}
              data-kind={item.kind}
              data-severity={item.severity}
              data-pool={item.poolId ?? undefined}
              style={{ padding: "3px 0" }}
            >
              <span className={`badge ${SEVERITY_BADGE[item.severity]}`}>{item.severity}</span>{" "}
              {describeAttention(item)}
              {item.poolId && (
                <>
                  {" "}
                  <RangeLink href={`/pools/${item.poolId}`} className="small">
                    pool
                  </RangeLink>
                </>
              )}
              {item.runId && (
                <>
                  {" "}
                  <Link href={`/training/${encodeURIComponent(item.runId)}`} className="small">
                    run
                  </Link>
                </>
              )}
              {item.kind === "approval_pending" && item.actionId && (
                <>
                  {" "}
                  <Link href={`/actions/${item.actionId}`} className="small">
                    review
                  </Link>
                  {" · "}
                </>
              )}
              {item.kind === "billing_drift" && (
                <>
                  {" "}
                  <Link href="/billing" className="small">
                    billing
                  </Link>
                </>
              )}
              {item.modelId && (
                <>
                  {" · "}
                  <RangeLink href={`/models/${item.modelId}`} className="small">
                    model
                  </RangeLink>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
