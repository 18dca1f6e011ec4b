// Number formatting with units: every figure on screen goes through one of these.
import type { TUsd } from "@/lib/money/usd";
import { fmtUsd, fmtUsdPrice } from "@/lib/money/format-usd";

// The amount and price formats live with the money (lib/money/format-usd.ts) so server-written
// sentences (recommendations, guardrail messages) use them too; the UI takes them from here.
export { fmtUsd, fmtUsdPrice };

const dash = "—";

export const fmtPct = (v: number | null | undefined, digits = 1) => (v == null ? dash : `${v.toFixed(digits)} %`);
export const fmtMs = (v: number | null | undefined) =>
  v == null ? dash : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`;

/** "$1,234.56/h": a rate of an amount. */
export const fmtUsdPerHour = (v: TUsd | number | null | undefined) => (v == null ? dash : `${fmtUsd(v)}/h`);

/** "$950", "$36.1k", "$1.25M": chart axes and chart tooltips ONLY, where a tick is a position, not an amount. */
export function fmtUsdCompact(v: number | null | undefined): string {
  if (v == null) return dash;
  const abs = Math.abs(v);
  const sign = v < 0 ? "-" : "";
  if (abs >= 1e9) return `${sign}$${(abs / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `${sign}$${(abs / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${sign}$${(abs / 1e3).toFixed(1)}k`;
  return `${sign}$${Math.round(abs).toLocaleString("en-US")}`;
}

/** "$0.4123 /1M tokens" from a cost per unit and its label ("$/1M tokens"). */
export const fmtCostPerUnit = (v: number | null | undefined, costLabel: string) =>
  v == null ? dash : `${fmtUsdPrice(v)} ${costLabel.replace("$", "")}`;

/** "+12.3 %" / "−4.0 %": a change between two figures, or — when there is nothing to compare. */
export function fmtChangePct(
  current: TUsd | number | null | undefined,
  previous: TUsd | number | null | undefined,
): string {
  if (current == null || previous == null || Number(previous) === 0) return dash;
  const pct = 100 * (Number(current) / Number(previous) - 1);
  return `${pct >= 0 ? "+" : "−"}${Math.abs(pct).toFixed(1)} %`;
}

export function fmtRate(v: number | null | undefined, unit: string): string {
  if (v == null) return dash;
  const abs = Math.abs(v);
  const s =
    abs >= 1e6 ? `${(v / 1e6).toFixed(2)}M` : abs >= 1e3 ? `${(v / 1e3).toFixed(1)}k` : v.toFixed(abs < 10 ? 2 : 0);
  return `${s} ${unit}`;
}

export const fmtCount = (v: number | null | undefined, digits = 0) =>
  v == null ? dash : v.toLocaleString("en-US", { maximumFractionDigits: digits });

/** "2026-11-22 14:05 UTC" — every time on screen is UTC. */
export const fmtUtc = (iso: string | Date) => `${new Date(iso).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** A window's length: "45 min", "24 h", "6 h 30 min", "7 d", "2 d 3 h 17 min". */
export function fmtDuration(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (minutes <= 2880 && minutes % 1440 !== 0)
    return [minutes >= 60 && `${Math.floor(minutes / 60)} h`, m > 0 && `${m} min`].filter(Boolean).join(" ");
  if (minutes === 1440) return "24 h";
  return [d > 0 && `${d} d`, h > 0 && `${h} h`, m > 0 && `${m} min`].filter(Boolean).join(" ") || "0 min";
}

/** "(avg over 24 h)": the label of a rate averaged over a window, never to be read as "now". */
export const fmtAvgOver = (minutes: number) => `(avg over ${fmtDuration(minutes)})`;

/** "2026-12-04 10:23 → 2026-12-05 10:23 UTC (24 h)": the exact window a total or rate covers. */
export function fmtWindow(from: string | Date, to: string | Date): string {
  const minutes = Math.round((new Date(to).getTime() - new Date(from).getTime()) / 60_000);
  return `${fmtUtc(from).slice(0, 16)} → ${fmtUtc(to)} (${fmtDuration(minutes)})`;
}

export function fmtUtcTick(iso: string | number, stepSeconds: number): string {
  const s = new Date(iso).toISOString();
  return stepSeconds >= 86400
    ? s.slice(5, 10)
    : stepSeconds >= 3600
      ? `${s.slice(5, 10)} ${s.slice(11, 13)}h`
      : s.slice(11, 16);
}

/** The browser's offset from UTC, e.g. "UTC+01:00". */
export function localOffsetLabel(date = new Date()): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes >= 0 ? "+" : "-";
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
