"use client";
import { useMemo } from "react";
import { RangeLink } from "@/components/range-link";
import { DataTable } from "@/components/data-table/data-table";
import { CsvDownloadButton } from "@/components/csv-download-button";
import { fmtPct, fmtUsd } from "@/components/format";
import { Panel } from "@/components/panel";
import { usdToCents, type TUsd } from "@/lib/money/usd";
import type { TCapacityOverview, TIdleRow } from "@/lib/capacity/capacity-dto";
import { reservationColumns } from "./reservation-columns";
import type { CsvColumn } from "@/lib/csv";

export function ReservationsTable({ data }: { data: TCapacityOverview }) {
  const rows = data.reservations;
  const measuredBy = data.telemetry.source === "cloudwatch" ? "CloudWatch" : "simulated fleet";
  const expiring = rows.filter((r) => r.expiring).length;
  const columns = useMemo(() => reservationColumns(measuredBy), [measuredBy]);
  return (
    <Panel title={`Reservations (${rows.length}, ${expiring} expiring within 30 days)`} testId="reservations">
      <DataTable
        testId="reservations-table"
        label="Reservations"
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        rowAttributes={(r) => ({ "data-reservation": r.id, "data-expiring": String(r.expiring) })}
        searchPlaceholder="reservation, pool, model, type, zone, expiring"
        urlPrefix="res."
        csvFilename="capacity-reservations.csv"
      />
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
