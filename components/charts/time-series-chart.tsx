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
import { logTicks, positiveRange } from "@/lib/charts/log-ticks";
import { widenSpans } from "@/lib/charts/widen-annotations";
import { fmtUtc, fmtUtcTick } from "../format";
import { AnnotationLabel } from "./annotation-label";

export type ChartSeries = { key: string; label: string; dash?: string; width?: number };
export type ChartAnnotation = { from: string; to: string | null; label: string };
/** A horizontal line: an SLO, a threshold. With `seriesKey` it takes that series' colour and hides with it. */
export type ChartReference = { value: number; label: string; seriesKey?: string; color?: string };

// The shared line chart behind every time-series panel: UTC time axis, unit-formatted axis and
// tooltip (series sorted by value), a legend whose entries toggle their series and highlight one on
// hover or focus, reference lines (SLOs), an optional log axis, and shaded annotations (pool
// actions). A point marked `partial` is a bucket only partly inside the range: its tooltip says so.
export function TimeSeriesChart(props: {
  data: Array<Record<string, number | string | boolean | null | undefined>>;
  series: ChartSeries[];
  stepSeconds: number;
  /** The axis ticks' format (money: fmtUsdCompact, the one place a compact amount is allowed). */
  format: (v: number) => string;
  /** The tooltip's format with its unit, when the axis' is too coarse or unitless (money: fmtUsdPerHour). */
  tooltipFormat?: (v: number) => string;
  unitLabel: string;
  height?: number;
  annotations?: ChartAnnotation[];
  threshold?: { value: number; label: string };
  references?: ChartReference[];
  /** A log axis (latency): values at or below 0 are gaps, as a log axis has no 0. */
  logScale?: boolean;
}) {
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState<string | null>(null);
  const toggle = (key: string) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const color = (i: number) => `var(--series-${(i % 12) + 1})`;
  const colorOf = (key: string) =>
    color(
      Math.max(
        0,
        props.series.findIndex((s) => s.key === key),
      ),
    );
  const keys = props.series.map((s) => s.key);
  const data = props.data.map((d) => {
    const point: Record<string, unknown> = { ...d, t: Date.parse(String(d.t)) };
    if (props.logScale)
      for (const k of keys) if (typeof point[k] === "number" && (point[k] as number) <= 0) point[k] = null;
    return point;
  });
  const references: ChartReference[] = [
    ...(props.threshold ? [props.threshold] : []),
    ...(props.references ?? []).filter((r) => !(r.seriesKey && hidden.has(r.seriesKey))),
  ];
  const visibleKeys = keys.filter((k) => !hidden.has(k));
  const span = positiveRange(
    data,
    visibleKeys,
    references.map((r) => r.value),
  );
  const ticks = props.logScale && span ? logTicks(span.min, span.max) : undefined;
  const domain = { start: Number(data[0]?.t ?? 0), end: Number(data[data.length - 1]?.t ?? 0) };
  const spans = widenSpans(
    (props.annotations ?? []).map((a) => ({
      from: Date.parse(a.from),
      to: a.to ? Date.parse(a.to) : domain.end,
      label: a.label,
    })),
    domain,
  );
  const fmtTooltip = props.tooltipFormat ?? props.format;

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
            {...(ticks && ticks.length > 1
              ? { scale: "log" as const, domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks, allowDataOverflow: true }
              : {})}
            label={{
              value: `${props.unitLabel}${ticks ? " (log)" : ""}`,
              angle: -90,
              position: "insideLeft",
              fill: "var(--muted)",
              fontSize: 11,
            }}
          />
          <Tooltip
            contentStyle={{ background: "var(--panel-2)", border: "1px solid var(--border)" }}
            labelFormatter={(t, payload) =>
              `${fmtUtc(new Date(Number(t)))}${payload?.[0]?.payload?.partial ? " · partial bucket (only the minutes in range)" : ""}`
            }
            // Largest first; series without a value last.
            itemSorter={(item) => (typeof item.value === "number" ? -item.value : Infinity)}
            formatter={(v, name) => [
              typeof v === "number" ? fmtTooltip(v) : "—",
              props.series.find((s) => s.key === name)?.label ?? String(name),
            ]}
          />
          {references.map((r, i) => {
            const seriesKey = r.seriesKey;
            const stroke = r.color ?? (seriesKey ? colorOf(seriesKey) : "var(--bad)");
            const labelled = !seriesKey || references.length === 1 || focus === seriesKey;
            return (
              <ReferenceLine
                key={`${seriesKey ?? "ref"}-${i}`}
                y={r.value}
                stroke={stroke}
                strokeDasharray="4 4"
                strokeOpacity={focus && seriesKey && focus !== seriesKey ? 0.15 : 0.8}
                ifOverflow="extendDomain"
                label={
                  labelled
                    ? {
                        value: r.label,
                        fill: stroke,
                        fontSize: 11,
                        position: "insideTopRight",
                      }
                    : undefined
                }
              />
            );
          })}
          {spans.map((a, i) => (
            <ReferenceArea
              key={`${a.from}-${a.label}`}
              x1={a.from}
              x2={a.to}
              fill="var(--accent)"
              fillOpacity={0.14}
              stroke="var(--accent)"
              strokeOpacity={0.6}
              label={
                <AnnotationLabel
                  text={a.label}
                  row={i % 3}
                  alignEnd={a.from > domain.start + 0.7 * (domain.end - domain.start)}
                />
              }
            />
          ))}
          {props.series.map((s, i) =>
            hidden.has(s.key) ? null : (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.key}
                stroke={color(i)}
                strokeDasharray={s.dash}
                strokeOpacity={focus && focus !== s.key ? 0.25 : 1}
                dot={false}
                strokeWidth={focus === s.key ? 2.5 : (s.width ?? 1.5)}
                isAnimationActive={false}
                connectNulls={false}
              />
            ),
          )}
        </LineChart>
      </ResponsiveContainer>
      <div className="legend-toggle" aria-label="Series" onMouseLeave={() => setFocus(null)}>
        {props.series.map((s, i) => (
          <button
            key={s.key}
            type="button"
            aria-pressed={!hidden.has(s.key)}
            onClick={() => toggle(s.key)}
            onMouseEnter={() => setFocus(s.key)}
            onFocus={() => setFocus(s.key)}
            onBlur={() => setFocus(null)}
            title={`Show or hide ${s.label}`}
          >
            <span
              className="swatch"
              style={
                s.dash
                  ? { background: "transparent", borderTop: `2px dashed ${color(i)}`, height: 2 }
                  : { background: color(i) }
              }
            />
            {s.label}
          </button>
        ))}
      </div>
    </div>
  );
}
