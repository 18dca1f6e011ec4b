"use client";
import { CsvDownloadButton } from "@/components/csv-download-button";
import { fmtCostPerUnit, fmtMs, fmtPct, fmtRate, fmtUsdPerHour } from "@/components/format";
import { Panel } from "@/components/panel";
import type { CsvColumn } from "@/lib/csv";
import type { TChipComparison, TChipFamilyFigures } from "@/lib/models/model-dto";
import { isOverSlo } from "@/lib/telemetry/is-over-slo";
import { ChipSavingBadge } from "./chip-saving-badge";

// The same model on Trainium and on Graviton over the same window: cost per unit of work decides.
export function ChipComparisonTable(props: {
  comparison: TChipComparison;
  costLabel: string;
  rateLabel: string;
  sloP95Ms: number;
  filename: string;
}) {
  const rows = [props.comparison.trainium, props.comparison.graviton];
  const csv: CsvColumn<TChipFamilyFigures>[] = [
    { header: "chip_family", value: (r) => r.chipFamily },
    { header: "utilization_pct", value: (r) => r.utilizationPct },
    { header: "latency_p95_ms", value: (r) => r.latencyP95Ms },
    { header: "avg_instances", value: (r) => r.avgInstances },
    { header: "units_per_second", value: (r) => r.unitsPerSecond },
    { header: "spend_usd", value: (r) => r.spendUsd },
    { header: "spend_usd_per_hour", value: (r) => r.spendUsdPerHour },
    { header: "cost_per_unit_usd", value: (r) => r.costPerUnitUsd },
    { header: "cost_unit", value: () => props.costLabel },
  ];
  return (
    <Panel
      title="Trainium vs Graviton cost efficiency"
      testId="chip-comparison"
      actions={<CsvDownloadButton filename={props.filename} columns={csv} rows={rows} />}
    >
      <p>
        <ChipSavingBadge comparison={props.comparison} costLabel={props.costLabel} />{" "}
        <span className="muted small">Each family&apos;s spend over its own units of work in this range.</span>
      </p>
      <div className="scroll-x">
        <table>
          <thead>
            <tr>
              <th>Chip family</th>
              <th className="num">Utilization</th>
              <th className="num">p95 (SLO {fmtMs(props.sloP95Ms)})</th>
              <th className="num">Instances (avg)</th>
              <th className="num">Throughput</th>
              <th className="num">Spend rate (avg over range)</th>
              <th className="num">Cost per unit</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.chipFamily} data-chip-family={r.chipFamily}>
                <td>{r.chipFamily === "trainium" ? "Trainium" : "Graviton"}</td>
                <td className="num">{fmtPct(r.utilizationPct)}</td>
                <td className={`num ${isOverSlo(r.latencyP95Ms, props.sloP95Ms) ? "bad-text" : ""}`}>
                  {fmtMs(r.latencyP95Ms)}
                </td>
                <td className="num">{r.avgInstances.toFixed(1)}</td>
                <td className="num">{fmtRate(r.unitsPerSecond, props.rateLabel)}</td>
                <td className="num">{fmtUsdPerHour(r.spendUsdPerHour)}</td>
                <td className="num" data-field="cost-per-unit">
                  {fmtCostPerUnit(r.costPerUnitUsd, props.costLabel)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
