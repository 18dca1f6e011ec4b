"use client";
import { useState } from "react";
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { fmtUtc, fmtUtcTick } from "../format";

export type ChartSeries = { key: string; label: string };
export type ChartAnnotation = { from: string; to: string | null; label: string };

// The shared line chart behind every time-series panel: UTC time axis, unit-formatted axis and
// tooltip, a legend whose entries toggle their series, and shaded annotations (pool actions). A point
// marked `partial` is a bucket only partly inside the range (the first or last): its tooltip says so.
export function TimeSeriesChart(props: {
  data: Array<Record<string, number | string | boolean | null | undefined>>;
  series: ChartSeries[];
  stepSeconds: number;
  /** The axis ticks' format (money: fmtUsdCompact, the one place a compact amount is allowed). */
  format: (v: number) => string;
  /** The tooltip's format, when the axis' is too coarse to read a value from (money: fmtUsdPerHour). */
  tooltipFormat?: (v: number) => string;
  unitLabel: string;
  height?: number;
  annotations?: ChartAnnotation[];
  threshold?: { value: number; label: string };
}) {
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const toggle = (key: string) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const color = (i: number) => `var(--series-${(i % 12) + 1})`;
  const data = props.data.map((d) => ({ ...d, t: Date.parse(String(d.t)) }));

  return (
    <div>
      <ResponsiveContainer width="100%" height={props.height ?? 240}>
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={(t: number) => fmtUtcTick(t, props.stepSeconds)}
            stroke="var(--muted)"
            fontSize={11}
          />
          <YAxis
            tickFormatter={(v: number) => props.format(v)}
            stroke="var(--muted)"
            fontSize={11}
            width={72}
            label={{ value: props.unitLabel, angle: -90, position: "insideLeft", fill: "var(--muted)", fontSize: 11 }}
          />
          <Tooltip
            contentStyle={{ background: "var(--panel-2)", border: "1px solid var(--border)" }}
            labelFormatter={(t, payload) =>
              `${fmtUtc(new Date(Number(t)))}${payload?.[0]?.payload?.partial ? " · partial bucket (only the minutes in range)" : ""}`
            }
            formatter={(v, name) => [
              typeof v === "number" ? (props.tooltipFormat ?? props.format)(v) : "—",
              props.series.find((s) => s.key === name)?.label ?? String(name),
            ]}
          />
          {props.threshold && (
            <ReferenceLine
              y={props.threshold.value}
              stroke="var(--bad)"
              strokeDasharray="4 4"
              label={{ value: props.threshold.label, fill: "var(--bad)", fontSize: 11 }}
            />
          )}
          {props.annotations?.map((a) => (
            <ReferenceArea
              key={`${a.from}-${a.label}`}
              x1={Date.parse(a.from)}
              x2={a.to ? Date.parse(a.to) : undefined}
              fill="var(--accent)"
              fillOpacity={0.12}
              stroke="var(--accent)"
              strokeOpacity={0.5}
              label={{ value: a.label, fill: "var(--accent)", fontSize: 10, position: "insideTopLeft" }}
            />
          ))}
          {props.series.map((s, i) =>
            hidden.has(s.key) ? null : (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.key}
                stroke={color(i)}
                dot={false}
                strokeWidth={1.5}
                isAnimationActive={false}
                connectNulls={false}
              />
            ),
          )}
        </LineChart>
      </ResponsiveContainer>
      <div className="legend-toggle" aria-label="Series">
        {props.series.map((s, i) => (
          <button
            key={s.key}
            type="button"
            aria-pressed={!hidden.has(s.key)}
            onClick={() => toggle(s.key)}
            title={`Show or hide ${s.label}`}
          >
            <span className="swatch" style={{ background: color(i) }} />
            {s.label}
          </button>
        ))}
      </div>
    </div>
  );
}
