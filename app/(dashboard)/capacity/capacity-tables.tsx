"use client";
import { RangeLink } from "@/components/range-link";
import { CsvDownloadButton } from "@/components/csv-download-button";
import { fmtPct, fmtUsd, fmtUsdPrice, fmtUtc } from "@/components/format";
import { Panel } from "@/components/panel";
import { usdToCents, type TUsd } from "@/lib/money/usd";
import type { TCapacityOverview, TIdleRow, TReservationRow } from "@/lib/capacity/capacity-dto";
import type { CsvColumn } from "@/lib/csv";

const RES_CSV: CsvColumn<TReservationRow>[] = [
  { header: "reservation", value: (r) => r.id },
  { header: "pool", value: (r) => r.poolId },
  { header: "models", value: (r) => r.models.join(" ") },
  { header: "instance_type", value: (r) => r.instanceType },
  { header: "availability_zone", value: (r) => r.availabilityZone },
  { header: "instances", value: (r) => r.instanceCount },
  { header: "usd_per_instance_hour", value: (r) => r.usdPerInstanceHour },
  { header: "start_utc", value: (r) => r.startAt },
  { header: "end_utc", value: (r) => r.endAt },
  { header: "days_left", value: (r) => r.daysLeft },
  { header: "expiring", value: (r) => String(r.expiring) },
  { header: "used_now_instances", value: (r) => r.measured.latest?.usedInstances ?? null },
  { header: "used_now_total_instances", value: (r) => r.measured.latest?.totalInstances ?? null },
  { header: "used_now_period_start_utc", value: (r) => r.measured.latest?.ts ?? null },
  { header: "avg_used_instances", value: (r) => r.measured.avgUsedInstances },
  { header: "utilization_pct", value: (r) => r.measured.utilizationPct },
  { header: "periods_5min", value: (r) => r.measured.periods },
  { header: "periods_5min_missing", value: (r) => r.measured.missingPeriods },
];

/** "3 / 4 instances", or "3 instances" when the total had no datapoint. */
function fmtUsedOfTotal(used: number, total: number | null): string {
  const n = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
  return total === null ? `${n(used)} instances` : `${n(used)} / ${n(total)} instances`;
}

function MeasuredCells({ m }: { m: TReservationRow["measured"] }) {
  return (
    <>
      <td className="num" data-field="used-now">
        {m.latest ? (
          <>
            {fmtUsedOfTotal(m.latest.usedInstances, m.latest.totalInstances)}
            <div className="muted small">{fmtUtc(m.latest.ts)}</div>
          </>
        ) : (
          "no data"
        )}
      </td>
      <td className="num" data-field="avg-used">
        {m.avgUsedInstances === null ? "–" : `${m.avgUsedInstances.toFixed(1)} instances`}
      </td>
      <td className="num" data-field="utilization">
        {fmtPct(m.utilizationPct)}
      </td>
      <td className="num" data-field="missing-periods">
        {m.periods === 0 ? "none read" : `${m.missingPeriods} of ${m.periods}`}
      </td>
    </>
  );
}

export function ReservationsTable({ data }: { data: TCapacityOverview }) {
  const rows = data.reservations;
  const measuredBy = data.telemetry.source === "cloudwatch" ? "CloudWatch" : "simulated fleet";
  const expiring = rows.filter((r) => r.expiring).length;
  return (
    <Panel
      title={`Reservations (${rows.length}, ${expiring} expiring within 30 days)`}
      testId="reservations"
      actions={<CsvDownloadButton filename="capacity-reservations.csv" columns={RES_CSV} rows={rows} />}
    >
      <div className="scroll-x">
        <table data-testid="reservations-table">
          <thead>
            <tr>
              <th>Reservation</th>
              <th>Pool</th>
              <th>Models</th>
              <th>Instance type</th>
              <th>AZ</th>
              <th className="num">Instances</th>
              <th className="num">Rate</th>
              <th>Ends</th>
              <th className="num">Days left</th>
              <th className="num">Used now ({measuredBy})</th>
              <th className="num">Avg used (range)</th>
              <th className="num">Utilization (range)</th>
              <th className="num">5-min periods missing</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-reservation={r.id} data-expiring={r.expiring}>
                <td>{r.id}</td>
                <td>{r.poolId ? <RangeLink href={`/pools/${r.poolId}`}>{r.poolId}</RangeLink> : "untargeted"}</td>
                <td>{r.models.join(", ")}</td>
                <td>{r.instanceType}</td>
                <td>{r.availabilityZone}</td>
                <td className="num">{r.instanceCount}</td>
                <td className="num">{fmtUsdPrice(r.usdPerInstanceHour)}/h</td>
                <td>{r.endAt ? fmtUtc(r.endAt) : "no end date"}</td>
                <td className="num">
                  {r.daysLeft === null ? "–" : r.daysLeft <= 0 ? "ended" : `${r.daysLeft.toFixed(1)} d`}{" "}
                  {r.expiring && <span className="badge warn">expiring</span>}
                </td>
                <MeasuredCells m={r.measured} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

type IdleProps = {
  title: string;
  keyLabel: string;
  relatedLabel: string;
  rows: TIdleRow[];
  linkBase: string;
  relatedBase: string;
  filename: string;
  testId: string;
  /** The idle $ column's total (usage.idleReservedUsd): the rows foot to it. */
  totalIdleReservedUsd: TUsd;
};

export function IdleTable(props: IdleProps) {
  const csv: CsvColumn<TIdleRow>[] = [
    { header: props.keyLabel.toLowerCase(), value: (r) => r.key },
    { header: props.relatedLabel.toLowerCase(), value: (r) => r.related.join(" ") },
    { header: "instance_type", value: (r) => r.instanceType },
    { header: "avg_reserved_instances", value: (r) => r.avgReservedInstances },
    { header: "avg_idle_instances", value: (r) => r.avgIdleInstances },
    { header: "idle_instance_hours", value: (r) => r.idleInstanceHours },
    { header: "idle_reserved_usd", value: (r) => r.idleReservedUsd },
    { header: "reserved_utilization_pct", value: (r) => r.reservedUtilizationPct },
  ];
  return (
    <Panel
      title={props.title}
      testId={props.testId}
      actions={
        <CsvDownloadButton
          filename={props.filename}
          columns={csv}
          rows={props.rows}
          total={{ idle_reserved_usd: props.totalIdleReservedUsd }}
        />
      }
    >
      <div className="scroll-x">
        <table>
          <thead>
            <tr>
              <th>{props.keyLabel}</th>
              <th>{props.relatedLabel}</th>
              <th className="num">Reserved (avg)</th>
              <th className="num">Idle (avg)</th>
              <th className="num">Idle instance-h</th>
              <th className="num">Idle $</th>
              <th className="num">Used</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.key} data-key={r.key}>
                <td>
                  <RangeLink href={`${props.linkBase}${r.key}`}>{r.key}</RangeLink>
                </td>
                <td>
                  {r.related.map((x) => (
                    <RangeLink key={x} href={`${props.relatedBase}${x}`} style={{ marginRight: 6 }}>
                      {x}
                    </RangeLink>
                  ))}
                </td>
                <td className="num">{r.avgReservedInstances.toFixed(1)}</td>
                <td className="num">{r.avgIdleInstances.toFixed(1)}</td>
                <td className="num" data-field="idle-hours">
                  {r.idleInstanceHours.toFixed(1)}
                </td>
                <td className={`num ${usdToCents(r.idleReservedUsd) > 0 ? "bad-text" : ""}`} data-field="idle-usd">
                  {fmtUsd(r.idleReservedUsd)}
                </td>
                <td className="num">{fmtPct(r.reservedUtilizationPct)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={5}>
                Total (rows foot to it)
              </th>
              <td className="num" data-field="idle-usd-total">
                {fmtUsd(props.totalIdleReservedUsd)}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
    </Panel>
  );
}
