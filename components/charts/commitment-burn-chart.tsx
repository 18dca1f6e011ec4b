"use client";
import { useState } from "react";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TCommitmentBurn } from "@/lib/capacity/capacity-dto";
import { fmtUsd, fmtUsdCompact, fmtUtc } from "../format";

const SERIES = [
  { key: "billed", label: "Burned (bill)", color: "var(--series-1)", dash: undefined, width: 1.5 },
  { key: "estimated", label: "Burned (estimate, not billed yet)", color: "var(--series-3)", dash: "2 2", width: 1.5 },
  { key: "plan", label: "Plan (declared yearly amounts)", color: "var(--muted)", dash: "4 4", width: 1.5 },
  { key: "forecast", label: "Forecast at the 28-day run-rate", color: "var(--series-2)", dash: "6 3", width: 1.5 },
  { key: "forecastLow", label: "Forecast, lowest week", color: "var(--series-2)", dash: "1 3", width: 1 },
  { key: "forecastHigh", label: "Forecast, highest week", color: "var(--series-2)", dash: "1 3", width: 1 },
] as const;

// A multi-year commitment on a year-month axis: cumulative burn (billed, then estimated past the
// bill's boundary), the declared plan, and the forecast with its range to the end of the term. Its
// own chart because the shared one is built for minute-to-day buckets.
export function CommitmentBurnChart({ burn }: { burn: TCommitmentBurn }) {
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const data = burn.points.map((p) => ({ ...p, t: Date.parse(p.t) }));
  return (
    <div>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={(t: number) => new Date(t).toISOString().slice(0, 7)}
            stroke="var(--muted)"
            fontSize={11}
          />
          <YAxis
            tickFormatter={(v: number) => fmtUsdCompact(v)}
            stroke="var(--muted)"
            fontSize={11}
            width={72}
            label={{ value: "$", angle: -90, position: "insideLeft", fill: "var(--muted)", fontSize: 11 }}
          />
          <Tooltip
            contentStyle={{ background: "var(--panel-2)", border: "1px solid var(--border)" }}
            labelFormatter={(t) => fmtUtc(new Date(Number(t)))}
            formatter={(v, name) => [
              typeof v === "number" ? fmtUsd(v) : "—",
              SERIES.find((s) => s.key === name)?.label ?? String(name),
            ]}
          />
          <ReferenceLine
            y={Number(burn.totalUsd)}
            stroke="var(--bad)"
            strokeDasharray="4 4"
            label={{ value: `Commitment ${fmtUsd(burn.totalUsd)}`, fill: "var(--bad)", fontSize: 11 }}
          />
          {burn.billedUntil && (
            <ReferenceLine
              x={Date.parse(burn.billedUntil)}
              stroke="var(--muted)"
              strokeDasharray="2 2"
              label={{ value: "billed until", fill: "var(--muted)", fontSize: 10, position: "insideBottomLeft" }}
            />
          )}
          <ReferenceLine
            x={Date.parse(burn.asOf)}
            stroke="var(--accent)"
            strokeOpacity={0.6}
            label={{ value: "now", fill: "var(--accent)", fontSize: 10, position: "insideTopLeft" }}
          />
          {SERIES.map((s) =>
            hidden.has(s.key) ? null : (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.key}
                stroke={s.color}
                strokeDasharray={s.dash}
                dot={false}
                strokeWidth={s.width}
                isAnimationActive={false}
                connectNulls
              />
            ),
          )}
        </LineChart>
      </ResponsiveContainer>
      <div className="legend-toggle" aria-label="Series">
        {SERIES.map((s) => (
          <button
            key={s.key}
            type="button"
            aria-pressed={!hidden.has(s.key)}
            onClick={() =>
              setHidden((prev) =>
                prev.has(s.key) ? new Set([...prev].filter((k) => k !== s.key)) : new Set([...prev, s.key]),
              )
            }
          >
            <span className="swatch" style={{ background: s.color }} />
            {s.label}
          </button>
        ))}
      </div>
    </div>
  );
}
