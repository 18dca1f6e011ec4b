"use client";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { Panel } from "@/components/panel";
import type { TUsd } from "@/lib/money/usd";
import type { TCapacityOverview, TIdleRow } from "@/lib/capacity/capacity-dto";
import { idleColumns } from "./idle-columns";
import { reservationColumns } from "./reservation-columns";

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
  /** Keeps this table's sort and filter apart from the other idle table's in the URL. */
  urlPrefix: string;
};

export function IdleTable(props: IdleProps) {
  const { keyLabel, relatedLabel, linkBase, relatedBase, totalIdleReservedUsd } = props;
  const columns = useMemo(
    () => idleColumns({ keyLabel, relatedLabel, linkBase, relatedBase, totalIdleReservedUsd }),
    [keyLabel, relatedLabel, linkBase, relatedBase, totalIdleReservedUsd],
  );
  return (
    <Panel title={props.title} testId={props.testId}>
      <DataTable
        testId={`${props.testId}-table`}
        label={props.title}
        columns={columns}
        rows={props.rows}
        rowKey={(r) => r.key}
        rowAttributes={(r) => ({ "data-key": r.key })}
        searchPlaceholder={`${keyLabel.toLowerCase()}, ${relatedLabel.toLowerCase()}, instance type`}
        urlPrefix={props.urlPrefix}
        csvFilename={props.filename}
      />
    </Panel>
  );
}
