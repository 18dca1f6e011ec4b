import { z } from "zod";
import { AppError } from "@/lib/errors";

// Time ranges as a dashboard URL carries them (?range=24h or ?range=custom&from=…&to=…), and how a
// range is answered: from the per-minute table up to 24 h, from hourly rollups beyond.
export const RANGE_PRESETS = {
  "1h": 3600,
  "6h": 6 * 3600,
  "24h": 86400,
  "7d": 7 * 86400,
  "30d": 30 * 86400,
  "90d": 90 * 86400,
} as const;
export type RangePreset = keyof typeof RANGE_PRESETS;
export const RANGE_OPTIONS = [...(Object.keys(RANGE_PRESETS) as RangePreset[]), "custom"] as const;
export const DEFAULT_RANGE: RangePreset = "24h";
export const MAX_RANGE_DAYS = 455; // CloudWatch keeps hourly data 455 days

/**
 * What people type for an instant, read as UTC: `2026-12-04`, `2026-12-04 10:00`,
 * `2026-12-04T10:00:30`. Anything else passes through to the ISO 8601 check unchanged.
 */
export function normalizeUtcInstant(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?)?$/.exec(value.trim());
  return m ? `${m[1]}T${m[2] ?? "00:00"}${m[3] ?? ":00"}Z` : value;
}
const ZInstant = z.preprocess(normalizeUtcInstant, z.iso.datetime({ offset: true }));

export const ZRangeParams = z
  .object({
    range: z.enum(RANGE_OPTIONS).default(DEFAULT_RANGE),
    from: ZInstant.optional(),
    to: ZInstant.optional(),
  })
  .strict();
export type TRangeParams = z.infer<typeof ZRangeParams>;

export type ResolvedRange = {
  from: Date;
  to: Date;
  stepSeconds: number;
  table: "minute" | "hourly";
  preset: (typeof RANGE_OPTIONS)[number];
};

const STEPS_SECONDS = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
/** Points per chart series at most: the step is chosen so a range fits. */
export const MAX_POINTS = 240;
const MINUTE_TABLE_MAX_SECONDS = 86400;

export function chooseStepSeconds(spanSeconds: number, table: "minute" | "hourly"): number {
  const min = table === "hourly" ? 3600 : 60;
  return STEPS_SECONDS.find((s) => s >= min && s >= spanSeconds / MAX_POINTS) ?? 86400;
}

/** What is wrong with a well-formed range that cannot be answered; null when it can. */
export function rangeProblem(params: TRangeParams): string | null {
  if (params.range !== "custom")
    return params.from || params.to ? "from and to are only allowed with range=custom" : null;
  if (!params.from || !params.to) return "a custom range needs both from and to (ISO 8601)";
  const fromMs = Date.parse(params.from);
  const toMs = Date.parse(params.to);
  if (!(fromMs < toMs)) return "from must be before to";
  if (toMs - fromMs > MAX_RANGE_DAYS * 86400_000) return `a range may span at most ${MAX_RANGE_DAYS} days`;
  return null;
}

/** `now` is the ingest watermark's next minute in practice: ranges end at the newest complete minute. */
export function resolveRange(params: TRangeParams, now: Date): ResolvedRange {
  let fromMs: number;
  let toMs: number;
  const problem = rangeProblem(params);
  if (problem) throw new AppError("BAD_REQUEST", problem);
  if (params.range === "custom") {
    fromMs = Date.parse(params.from!);
    toMs = Date.parse(params.to!);
  } else {
    toMs = Math.floor(now.getTime() / 60_000) * 60_000;
    fromMs = toMs - RANGE_PRESETS[params.range] * 1000;
  }
  const table = toMs - fromMs <= MINUTE_TABLE_MAX_SECONDS * 1000 ? "minute" : "hourly";
  const stepSeconds = chooseStepSeconds((toMs - fromMs) / 1000, table);
  const stepMs = stepSeconds * 1000;
  // Align to the step so buckets are whole (and hourly rollups are read whole).
  const from = new Date(Math.floor(fromMs / stepMs) * stepMs);
  const to = new Date(
    Math.ceil(toMs / (table === "hourly" ? 3600_000 : 60_000)) * (table === "hourly" ? 3600_000 : 60_000),
  );
  return { from, to, stepSeconds, table, preset: params.range };
}
