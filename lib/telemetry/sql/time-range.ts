import { z } from "zod";
import { AppError } from "@/lib/errors";

// Time ranges as a dashboard URL carries them (?range=24h or ?range=custom&from=…&to=…), and how a
// range is answered. The window summed is exactly the labelled one, to the minute: "24h" ending at
// 10:23 sums 10:23 → 10:23, never from the chart's first bucket boundary. Chart buckets stay aligned
// to the step (per-minute buckets up to 24 h, hour multiples beyond), so the first and last may be
// partial (isPartialBucket).
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
 * What people type for an instant, read as UTC unless it says otherwise: `2026-12-04`,
 * `2026-12-04 10:00`, `2026-12-04T10:00:30`, `2026-12-04T10:00Z`, `2026-12-04 10:00+0200`.
 * Anything else passes through to the ISO 8601 check unchanged (and is refused there).
 */
export function normalizeUtcInstant(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(value.trim());
  if (!m) return value;
  const zone = !m[4] || m[4].toUpperCase() === "Z" ? "Z" : m[4].replace(/^([+-]\d{2}):?(\d{2})$/, "$1:$2");
  return `${m[1]}T${m[2] ?? "00:00"}${m[3] ?? ":00"}${zone}`;
}
/** How an instant may be written, as error messages and input hints say it. */
export const INSTANT_FORMS = "2026-12-04 10:00 (UTC) or ISO 8601";
/** One instant as a URL or the API carries it: normalized, then checked as ISO 8601. */
export const ZInstant = z.preprocess(
  normalizeUtcInstant,
  z.iso.datetime({
    offset: true,
    error: (iss) => `${JSON.stringify(iss.input)} is not a date and time: use ${INSTANT_FORMS}`,
  }),
);

export const ZRangeParams = z
  .object({
    range: z
      .enum(RANGE_OPTIONS, {
        error: (iss) => `${JSON.stringify(iss.input)} is not one of ${RANGE_OPTIONS.join(", ")}`,
      })
      .default(DEFAULT_RANGE),
    from: ZInstant.optional(),
    to: ZInstant.optional(),
  })
  .strict();
export type TRangeParams = z.infer<typeof ZRangeParams>;

export type ResolvedRange = {
  /** The window every total sums: [from, to), whole minutes, exactly the labelled range. */
  from: Date;
  to: Date;
  /** The chart step; buckets are aligned to it (from the epoch), not to `from`. */
  stepSeconds: number;
  /** Bucket grain: "minute" (steps under an hour possible, ranges up to 24 h) or "hourly" (whole hours). */
  table: "minute" | "hourly";
  preset: (typeof RANGE_OPTIONS)[number];
};

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const floorToMinute = (ms: number) => Math.floor(ms / MINUTE_MS) * MINUTE_MS;

/** Whole minutes in a window. */
export function windowMinutes(range: { from: Date; to: Date }): number {
  return Math.round((range.to.getTime() - range.from.getTime()) / MINUTE_MS);
}

/** Does the bucket starting at `bucketStart` reach outside the window (the first or last of a series)? */
export function isPartialBucket(
  range: Pick<ResolvedRange, "from" | "to">,
  bucketStart: Date,
  stepSeconds: number,
): boolean {
  const start = bucketStart.getTime();
  return start < range.from.getTime() || start + stepSeconds * 1000 > range.to.getTime();
}

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
  if (!params.from || !params.to)
    return `a custom range needs both from and to (${[params.from ? "" : "from", params.to ? "" : "to"].filter(Boolean).join(" and ")} missing)`;
  const fromMs = Date.parse(params.from);
  const toMs = Date.parse(params.to);
  if (!(fromMs < toMs)) return "from must be before to";
  // Instants are read to the minute (seconds dropped): the window is whole minutes.
  if (floorToMinute(fromMs) === floorToMinute(toMs)) return "a range must span at least one whole minute";
  if (toMs - fromMs > MAX_RANGE_DAYS * 86400_000) return `a range may span at most ${MAX_RANGE_DAYS} days`;
  return null;
}

/**
 * The window a range sums and how it is charted. `now` is the data end in practice (just after the
 * newest stored minute): a preset ends at that minute and starts exactly its length before. A
 * custom range is read to the minute (seconds dropped). Nothing is rounded to the chart step, with
 * one exception: an instant before `minutesKeptFrom` (minute rows past retention are dropped, only
 * the hourly rollups remain) is read as the start of its hour, and the window says so.
 */
export function resolveRange(params: TRangeParams, now: Date, opts: { minutesKeptFrom?: Date } = {}): ResolvedRange {
  const problem = rangeProblem(params);
  if (problem) throw new AppError("BAD_REQUEST", problem);
  let fromMs: number;
  let toMs: number;
  if (params.range === "custom") {
    const kept = opts.minutesKeptFrom?.getTime() ?? -Infinity;
    const instant = (ms: number) => (ms < kept ? Math.floor(ms / HOUR_MS) * HOUR_MS : floorToMinute(ms));
    fromMs = instant(Date.parse(params.from!));
    toMs = instant(Date.parse(params.to!));
    if (fromMs >= toMs)
      throw new AppError("BAD_REQUEST", "before the minutes still kept a range is read by the hour: span a whole hour");
  } else {
    toMs = floorToMinute(now.getTime());
    fromMs = toMs - RANGE_PRESETS[params.range] * 1000;
  }
  const table = toMs - fromMs <= MINUTE_TABLE_MAX_SECONDS * 1000 ? "minute" : "hourly";
  const stepSeconds = chooseStepSeconds((toMs - fromMs) / 1000, table);
  return { from: new Date(fromMs), to: new Date(toMs), stepSeconds, table, preset: params.range };
}

const minuteIso = (v: unknown) =>
  typeof v === "string" && !Number.isNaN(Date.parse(v)) ? new Date(floorToMinute(Date.parse(v))).toISOString() : v;

/**
 * A page's input as its cache key (lib/telemetry/read-at-data-end.ts): a custom range's instants
 * as the range reads them, to the minute in UTC, so that `10:00:37Z`, `10:00Z` and `11:00+01:00`
 * (one window) are one cache entry, not three computations. Takes the range parameters themselves
 * or an input carrying them as `params`; anything else is its own key.
 */
export function rangeCacheKey(key: unknown): unknown {
  if (!key || typeof key !== "object") return key;
  const input = key as Record<string, unknown>;
  if (input.range === "custom") return { ...input, from: minuteIso(input.from), to: minuteIso(input.to) };
  if (input.params && typeof input.params === "object") return { ...input, params: rangeCacheKey(input.params) };
  return key;
}
