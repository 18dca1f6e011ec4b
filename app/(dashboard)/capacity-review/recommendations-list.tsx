"use client";
import Link from "next/link";
import { CsvDownloadButton } from "@/components/csv-download-button";
import { fmtUsd, fmtUtc } from "@/components/format";
import { usdToCents } from "@/lib/money/usd";
import { Panel } from "@/components/panel";
import type { TCapacityReview, TRecommendation } from "@/lib/capacity/review-dto";
import type { CsvColumn } from "@/lib/csv";

const csvColumns = (hours: number): CsvColumn<TRecommendation>[] => [
  { header: "rank", value: (r) => r.rank },
  { header: "severity", value: (r) => r.severity },
  { header: "kind", value: (r) => r.kind },
  { header: "pool", value: (r) => r.poolId },
  { header: "model", value: (r) => r.modelId },
  { header: "monthly_usd", value: (r) => r.monthlyUsd },
  { header: "recommendation", value: (r) => r.title },
  { header: "detail", value: (r) => r.detail },
  { header: "widens_take_or_pay_shortfall", value: (r) => String(r.widensTakeOrPayShortfall) },
  { header: "hours_per_month", value: () => hours },
];
const BADGE = { critical: "bad", warning: "warn", info: "" } as const;

export function RecommendationsList({ data }: { data: TCapacityReview }) {
  const rows = data.recommendations;
  return (
    <Panel
      title={`Recommendations (${rows.length})`}
      testId="recommendations"
      actions={
        <CsvDownloadButton
          filename={`capacity-recommendations-${data.month}.csv`}
          columns={csvColumns(data.pricing.hours)}
          rows={rows}
        />
      }
    >
      <p className="muted small">
        Computed from this month&apos;s telemetry and the <FleetBasis basis={data.fleetBasis} />: its capacity and
        reservations (prices from today&apos;s catalog), priced at the margin: new capacity on demand unless idle
        reserved capacity is free, and reserved capacity billing until its reservation ends. A month is{" "}
        {data.pricing.hours} h, the length of {data.pricing.monthLabel}. Risks first, then by dollars per month; while a
        take-or-pay commitment is forecast to fall short, savings (which only widen the shortfall) come last.
      </p>
      {rows.length === 0 ? (
        <div className="empty">No recommendation: every pool is sized within the targets.</div>
      ) : (
        <ol style={{ margin: 0, paddingLeft: 24 }}>
          {rows.map((r) => (
            <li
              key={r.rank}
              data-kind={r.kind}
              data-pool={r.poolId ?? undefined}
              data-model={r.modelId ?? undefined}
              data-widens-shortfall={r.widensTakeOrPayShortfall || undefined}
              style={{ padding: "4px 0", whiteSpace: "normal" }}
            >
              <span className={`badge ${BADGE[r.severity]}`}>{r.severity}</span>{" "}
              {r.widensTakeOrPayShortfall && <span className="badge warn">widens take-or-pay shortfall</span>} {r.title}{" "}
              <strong className={usdToCents(r.monthlyUsd) < 0 ? "bad-text" : ""}>
                {usdToCents(r.monthlyUsd) === 0
                  ? "(saves nothing this month)"
                  : `(${usdToCents(r.monthlyUsd) > 0 ? "saves" : "costs"} ${fmtUsd(r.monthlyUsd.replace("-", ""))}/month of ${data.pricing.hours} h)`}
              </strong>
              <div className="muted small">
                {r.detail}
                {r.poolId && (
                  <>
                    {" "}
                    <Link href={`/pools/${r.poolId}`} className="no-print">
                      Open pool
                    </Link>
                  </>
                )}
                {r.modelId && !r.poolId && (
                  <>
                    {" "}
                    <Link href={`/models/${r.modelId}`} className="no-print">
                      Open model
                    </Link>
                  </>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}

/** "fleet as of <date>": which fleet the recommendations read (a past month: as it was then). */
function FleetBasis({ basis }: { basis: TCapacityReview["fleetBasis"] }) {
  return (
    <span data-testid="fleet-basis" data-source={basis.source}>
      fleet as of {fmtUtc(basis.asOf)}
      {basis.source === "snapshot"
        ? ` (inventory history; last changed ${fmtUtc(basis.changedAt!)})`
        : " (today's fleet)"}
    </span>
  );
}
