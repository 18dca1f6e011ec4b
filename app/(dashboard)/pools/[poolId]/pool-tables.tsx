"use client";
import { RangeLink } from "@/components/range-link";
import { CsvDownloadButton } from "@/components/csv-download-button";
import {
  fmtAvgOver,
  fmtCostPerUnit,
  fmtMs,
  fmtPct,
  fmtUsd,
  fmtUsdPerHour,
  fmtUsdPrice,
  fmtUtc,
} from "@/components/format";
import { Panel } from "@/components/panel";
import type { CsvColumn } from "@/lib/csv";
import type { TPoolDetail, TPoolModelRow, TPoolReservation } from "@/lib/pools/pool-dto";
import { isOverSlo } from "@/lib/telemetry/is-over-slo";

const MODEL_CSV: CsvColumn<TPoolModelRow>[] = [
  { header: "model", value: (m) => m.id },
  { header: "utilization_pct", value: (m) => m.metrics.utilizationPct },
  { header: "latency_p95_ms", value: (m) => m.metrics.latencyP95Ms },
  { header: "slo_p95_ms", value: (m) => m.sloP95Ms },
  { header: "spend_usd", value: (m) => m.metrics.spendUsd },
  { header: "spend_usd_per_hour", value: (m) => m.metrics.spendUsdPerHour },
  { header: "idle_reserved_usd", value: (m) => m.metrics.idleReservedUsd },
  { header: "cost_per_unit_usd", value: (m) => m.costPerUnitUsd },
  { header: "fully_loaded_cost_per_unit_usd", value: (m) => m.fullyLoadedCostPerUnitUsd },
  { header: "cost_unit", value: (m) => m.costLabel },
];

export function PoolModelsTable({ data }: { data: TPoolDetail }) {
  return (
    <Panel
      title="Models served (spend is usage; idle reserved allocated by share of billed instances)"
      actions={
        <CsvDownloadButton
          filename={`${data.pool.id}-models-${data.range.preset}.csv`}
          columns={MODEL_CSV}
          rows={data.models}
        />
      }
    >
      <div className="scroll-x">
        <table data-testid="pool-models-table">
          <thead>
            <tr>
              <th>Model</th>
              <th className="num">Utilization</th>
              <th className="num">p95 (SLO)</th>
              <th className="num">Spend rate {fmtAvgOver(data.range.minutes)}</th>
              <th className="num">Spend in range</th>
              <th className="num">Idle reserved (allocated)</th>
              <th className="num">Cost per unit (usage)</th>
              <th className="num">Cost per unit (fully loaded)</th>
            </tr>
          </thead>
          <tbody>
            {data.models.map((m) => (
              <tr key={m.id} data-model={m.id}>
                <td>
                  <RangeLink href={`/models/${m.id}`}>{m.displayName}</RangeLink>
                </td>
                <td className="num">{fmtPct(m.metrics.utilizationPct)}</td>
                <td className={`num ${isOverSlo(m.metrics.latencyP95Ms, m.sloP95Ms) ? "bad-text" : ""}`}>
                  {fmtMs(m.metrics.latencyP95Ms)} <span className="muted">({fmtMs(m.sloP95Ms)})</span>
                </td>
                <td className="num">{fmtUsdPerHour(m.metrics.spendUsdPerHour)}</td>
                <td className="num" data-field="spend">
                  {fmtUsd(m.metrics.spendUsd)}
                </td>
                <td className="num">{fmtUsd(m.metrics.idleReservedUsd)}</td>
                <td className="num">{fmtCostPerUnit(m.costPerUnitUsd, m.costLabel)}</td>
                <td className="num" data-field="fully-loaded-cost-per-unit">
                  {fmtCostPerUnit(m.fullyLoadedCostPerUnitUsd, m.costLabel)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

const RESERVATION_CSV: CsvColumn<TPoolReservation>[] = [
  { header: "reservation", value: (r) => r.id },
  { header: "instance_type", value: (r) => r.instanceType },
  { header: "availability_zone", value: (r) => r.availabilityZone },
  { header: "instances", value: (r) => r.instanceCount },
  { header: "usd_per_instance_hour", value: (r) => r.usdPerInstanceHour },
  { header: "start_utc", value: (r) => r.startAt },
  { header: "end_utc", value: (r) => r.endAt },
  { header: "active", value: (r) => String(r.active) },
  { header: "days_left", value: (r) => r.daysLeft },
];

export function PoolReservationsTable({ data }: { data: TPoolDetail }) {
  return (
    <Panel
      title="Capacity reservations"
      actions={
        <CsvDownloadButton
          filename={`${data.pool.id}-reservations.csv`}
          columns={RESERVATION_CSV}
          rows={data.reservations}
        />
      }
    >
      {data.reservations.length === 0 ? (
        <div className="empty">
          No capacity reservation targets this pool: every instance runs at the on-demand rate.
        </div>
      ) : (
        <div className="scroll-x">
          <table data-testid="pool-reservations-table">
            <thead>
              <tr>
                <th>Reservation</th>
                <th>Instance type</th>
                <th>AZ</th>
                <th className="num">Instances</th>
                <th className="num">Rate</th>
                <th>Start</th>
                <th>End</th>
                <th className="num">Days left</th>
              </tr>
            </thead>
            <tbody>
              {data.reservations.map((r) => (
                <tr key={r.id} data-reservation={r.id}>
                  <td>{r.id}</td>
                  <td>{r.instanceType}</td>
                  <td>{r.availabilityZone}</td>
                  <td className="num">{r.instanceCount}</td>
                  <td className="num">{fmtUsdPrice(r.usdPerInstanceHour)}/h</td>
                  <td>{fmtUtc(r.startAt)}</td>
                  <td>{r.endAt ? fmtUtc(r.endAt) : "no end date"}</td>
                  <td className={`num ${r.daysLeft !== null && r.daysLeft <= 30 ? "bad-text" : ""}`}>
                    {r.daysLeft === null ? "–" : r.active || r.daysLeft > 0 ? `${r.daysLeft.toFixed(1)} d` : "ended"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
