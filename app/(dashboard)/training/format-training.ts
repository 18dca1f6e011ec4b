import { fmtDuration, fmtUtc } from "@/components/format";

// Formats the training pages share: token counts and rates, and times that may be missing.
const dash = "—";

export function fmtTokens(v: number | null): string {
  if (v === null) return dash;
  if (v >= 1e12) return `${(v / 1e12).toFixed(2)} T`;
  if (v >= 1e9) return `${(v / 1e9).toFixed(2)} B`;
  if (v >= 1e6) return `${(v / 1e6).toFixed(1)} M`;
  return Math.round(v).toLocaleString("en-US");
}

export const fmtTokensPerSecond = (v: number | null) => (v === null ? dash : `${fmtTokens(v)} tokens/s`);
export const fmtTime = (iso: string | null) => (iso === null ? dash : fmtUtc(iso));
export const fmtMinutes = (v: number | null) => (v === null ? dash : fmtDuration(Math.round(v)));
