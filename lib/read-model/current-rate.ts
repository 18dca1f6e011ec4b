import "server-only";
import { getPool } from "@/lib/db";
import { usd } from "@/lib/money/usd";
import type { TCurrentRateDto } from "./current-rate-dto";
import { recentWindow, type TelemetryWindow } from "./telemetry-windows";

/** "Now" for a dollar rate: the last complete minutes before the data end. */
export const CURRENT_RATE_MINUTES = 5;

export type CurrentRateScope = "fleet" | "pool" | "model";

export type CurrentRate = {
  /** Σ spend of the scope's minute rows in the window ÷ the window's hours. */
  spendUsdPerHour: number;
  /** Σ idle reserved dollars of the same rows ÷ the window's hours. */
  idleReservedUsdPerHour: number;
};

export type CurrentRates = {
  window: TelemetryWindow;
  /** Per scope key ("fleet", a pool id, a model id). A key absent or null: no data, never a filled value. */
  rates: Map<string, CurrentRate | null>;
};

const KEY: Record<CurrentRateScope, string> = { fleet: `'fleet'`, pool: `pm."poolId"`, model: `pm."modelId"` };

/**
 * The current $/h of a scope: the average over the last CURRENT_RATE_MINUTES complete minutes before
 * the data end ([to − 5 min, to), to = end floored to the minute), from the per-minute rows:
 * Σ spend_usd (or idle_reserved_usd) over those minutes × 60 / 5.
 *
 * A scope's rate is null when any minute is missing: a series (one model on one pool) of the scope
 * is expected to report every minute of the window from its first stored minute ever (earlier there
 * was nothing to bill) until its pool's retirement; if any expected series-minute has no row, the
 * sum would undercount, so no figure is shown ("no data"). A scope with no expected series is null
 * too. Range averages (metrics.spendUsdPerHour) are a different quantity and labelled as such.
 */
export async function getCurrentRates({ end, scope }: { end: Date; scope: CurrentRateScope }): Promise<CurrentRates> {
  const window = recentWindow(end, CURRENT_RATE_MINUTES);
  // Raw SQL: "every expected minute present" needs a per-series first-minute lookup Prisma cannot
  // express. It reads the first rollup hour (one primary-key probe in the unpartitioned
  // telemetry_hourly, kept forever) and only for a series whose first hour is within an hour of the
  // window the exact first minute (minute partitions of that hour and later only).
  const { rows } = await getPool().query<{
    key: string;
    spend: number | null;
    idle: number | null;
    expected: number;
    missing: boolean;
  }>(
    `WITH hours AS (
       SELECT pm.id, ${KEY[scope]} AS key, p."retiredAt" AS retired_at,
         (SELECT min(h.hour) FROM telemetry_hourly h WHERE h.series_id = pm.id AND h.hour < $2) AS first_hour
       FROM "PoolModel" pm JOIN "Pool" p ON p.id = pm."poolId"
     ), series AS (
       SELECT id, key, retired_at,
         CASE WHEN first_hour + interval '1 hour' <= $1 THEN first_hour
              ELSE (SELECT min(f.ts) FROM telemetry_minute f WHERE f.series_id = hours.id AND f.ts >= hours.first_hour AND f.ts < $2)
         END AS first_ts
       FROM hours WHERE first_hour IS NOT NULL
     ), per_series AS (
       SELECT s.key,
         greatest(0, floor(extract(epoch FROM least($2::timestamptz, coalesce(s.retired_at, $2::timestamptz))
           - greatest($1::timestamptz, s.first_ts)) / 60))::int AS expected,
         count(t.ts)::int AS present,
         sum(t.spend_usd) AS spend, sum(t.idle_reserved_usd) AS idle
       FROM series s
       LEFT JOIN telemetry_minute t ON t.series_id = s.id AND t.ts >= $1 AND t.ts < $2
       WHERE s.first_ts IS NOT NULL
       GROUP BY s.id, s.key, s.retired_at, s.first_ts
     )
     SELECT key, sum(spend)::float8 AS spend, sum(idle)::float8 AS idle, sum(expected)::int AS expected,
       bool_or(present < expected) AS missing
     FROM per_series GROUP BY key`,
    [window.from, window.to],
  );
  const hours = CURRENT_RATE_MINUTES / 60;
  const rates = new Map<string, CurrentRate | null>();
  for (const r of rows) {
    rates.set(
      r.key,
      r.missing || r.expected === 0
        ? null
        : { spendUsdPerHour: (r.spend ?? 0) / hours, idleReservedUsdPerHour: (r.idle ?? 0) / hours },
    );
  }
  return { window, rates };
}

/** One scope key's current rate as the DTO carries it (rounded once, to the cent). */
export function currentRateDto(rates: CurrentRates, key: string): TCurrentRateDto {
  const rate = rates.rates.get(key) ?? null;
  return {
    from: rates.window.from.toISOString(),
    to: rates.window.to.toISOString(),
    spendUsdPerHour: rate === null ? null : usd(rate.spendUsdPerHour),
    idleReservedUsdPerHour: rate === null ? null : usd(rate.idleReservedUsdPerHour),
  };
}
