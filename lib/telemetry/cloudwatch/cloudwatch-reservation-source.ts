import "server-only";
import type { CloudWatchClient } from "@aws-sdk/client-cloudwatch";
import {
  RESERVATION_PERIOD_MS,
  RESERVATION_PERIOD_SECONDS,
  type ReservationDatapoint,
  type ReservationUsageSource,
} from "@/lib/telemetry/reservations/types";
import { floorTo } from "@/lib/telemetry/types";
import { buildReservationQueries } from "./build-reservation-queries";
import { getCloudWatchClient } from "./cloudwatch-client";
import { CloudWatchQueryError, fetchMetricData } from "./fetch-metric-data";

/**
 * Reservation use from AWS/EC2CapacityReservations through GetMetricData: one call per region and
 * 500 queries (fetchMetricData batches and follows NextToken), the process's shared client per
 * region with its configured retry strategy. Periods CloudWatch has no datapoint for are simply
 * not returned.
 */
export function createCloudWatchReservationSource(
  opts: { clientFor?: (args: { region: string }) => CloudWatchClient } = {},
): ReservationUsageSource {
  const clientFor = opts.clientFor ?? getCloudWatchClient;
  return {
    name: "cloudwatch",
    async fetchPeriods({ reservations, from, to }) {
      const usage = { requests: 0, metricsRequested: 0 };
      const byKey = new Map<string, ReservationDatapoint>();
      const regions = [...new Set(reservations.map((r) => r.region))].sort();
      for (const region of regions) {
        const ids = reservations
          .filter((r) => r.region === region)
          .map((r) => r.id)
          .sort();
        const planned = buildReservationQueries({ reservationIds: ids, periodSeconds: RESERVATION_PERIOD_SECONDS });
        const fetched = await fetchMetricData({
          client: clientFor({ region }),
          queries: planned.map((p) => p.query),
          startTime: from,
          endTime: to,
        }).catch((err: unknown) => {
          // The failure carries every call of this window so far, for the run's accounting.
          if (!(err instanceof CloudWatchQueryError)) throw err;
          throw new CloudWatchQueryError(err.message, {
            requests: usage.requests + (err.usage?.requests ?? 0),
            metricsRequested: usage.metricsRequested + (err.usage?.metricsRequested ?? 0),
          });
        });
        usage.requests += fetched.usage.requests;
        usage.metricsRequested += fetched.usage.metricsRequested;
        for (const p of planned) {
          const s = fetched.series.get(p.query.Id!);
          s?.timestamps.forEach((t, i) => {
            const ts = floorTo(t.getTime(), RESERVATION_PERIOD_MS);
            if (ts < from.getTime() || ts >= to.getTime()) return;
            const key = `${p.reservationId}|${ts}`;
            const point = byKey.get(key) ?? { reservationId: p.reservationId, ts: new Date(ts) };
            point[p.field] = s.values[i]!;
            byKey.set(key, point);
          });
        }
      }
      return { datapoints: [...byKey.values()], usage };
    },
  };
}
