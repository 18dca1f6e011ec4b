import { fmtAvgOver, fmtMs, fmtPct, fmtUsd, fmtUsdPerHour, fmtUsdPrice, fmtUtc } from "@/components/format";
import { usdToCents } from "@/lib/money/usd";
import { TotalsWindow } from "@/components/totals-window";
import { Kpi } from "@/components/kpi";
import type { TPoolDetail } from "@/lib/pools/pool-dto";
import { isOverSlo } from "@/lib/telemetry/is-over-slo";

const PRICE_SOURCE: Record<string, string> = {
  "price-list": "AWS Price List",
  config: "fleet config override",
  simulated: "simulated catalog",
};

export function PoolKpis({ data }: { data: TPoolDetail }) {
  const { pool } = data;
  const m = pool.metrics;
  const slo = data.models.length === 1 ? data.models[0]!.sloP95Ms : null;
  return (
    <>
      <p className="muted small">
        {pool.chipFamily === "trainium" ? "Trainium" : "Graviton"} · {pool.instanceType} · {pool.availabilityZone} ·{" "}
        {pool.backingKind} {pool.backingId}
        {pool.clusterName ? ` (${pool.clusterName})` : ""} · on-demand{" "}
        {pool.onDemandUsdPerHour === null ? "—" : `${fmtUsdPrice(pool.onDemandUsdPerHour)}/h`} per instance
        {pool.priceSource
          ? ` (${PRICE_SOURCE[pool.priceSource] ?? pool.priceSource}${pool.priceReadAt ? `, read ${fmtUtc(pool.priceReadAt)}` : ""})`
          : ""}
        {" · "}
        <TotalsWindow range={data.range} />
      </p>
      <section className="kpis" aria-label="Pool capacity and totals" data-testid="pool-kpis">
        <Kpi label="State" value={pool.state} />
        <Kpi
          label="Desired capacity"
          value={String(pool.desiredCapacity)}
          hint={`min ${pool.minCapacity} · max ${pool.maxCapacity}`}
          testId="kpi-desired"
        />
        <Kpi
          label="In service now"
          value={pool.inService === null ? "—" : pool.inService.toFixed(0)}
          hint="instances, last 5 min"
          testId="kpi-in-service"
        />
        <Kpi
          label="Reserved now"
          value={String(pool.reservedNow)}
          hint="instances in active reservations"
          testId="kpi-reserved"
        />
        <Kpi
          label="Utilization"
          value={fmtPct(m.utilizationPct)}
          tone={(m.utilizationPct ?? 0) > 85 ? "bad" : undefined}
        />
        <Kpi
          label={slo === null ? "p95 latency" : `p95 latency (SLO ${fmtMs(slo)})`}
          value={fmtMs(m.latencyP95Ms)}
          tone={slo !== null && isOverSlo(m.latencyP95Ms, slo) ? "bad" : undefined}
        />
        <Kpi
          label={`Spend rate ${fmtAvgOver(data.range.minutes)}`}
          value={fmtUsdPerHour(m.spendUsdPerHour)}
          hint={`${fmtUsd(m.spendUsd)} in range, idle reserved not included`}
          testId="kpi-spend"
        />
        <Kpi
          label={`Idle reserved ${fmtAvgOver(data.range.minutes)}`}
          value={fmtUsdPerHour(m.idleReservedUsdPerHour)}
          hint={`${fmtUsd(m.idleReservedUsd)} in range`}
          tone={usdToCents(m.idleReservedUsd) > 0 ? "warn" : undefined}
        />
      </section>
    </>
  );
}
