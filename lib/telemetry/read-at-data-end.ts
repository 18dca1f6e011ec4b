import "server-only";
import { cachedFleetRead, heldFleetRead } from "@/lib/cache/fleet-read-cache";
import { getConfig } from "@/lib/config";
import { isDatabaseUnavailable } from "@/lib/db/is-database-unavailable";
import type { TTelemetryDto } from "@/lib/read-model/telemetry-dto";
import { getDataEnd, isTelemetryStale, type DataEnd } from "./get-data-end";
import { rangeCacheKey } from "./sql/time-range";

/**
 * A page read over the telemetry stored so far: the data end is read once, handed to `load`, and
 * the page is cached against it. lib/cache sits below telemetry, so the data end is passed down.
 * While the database is unreachable (the data end, the cache's version or the load itself fails
 * with that), the page's last answer is served if there is one, marked with when it was computed;
 * otherwise the error goes on (a 503).
 */
export async function readAtDataEnd<T extends { telemetry: TTelemetryDto }>(args: {
  name: string;
  key: unknown;
  load: (dataEnd: DataEnd) => Promise<T>;
}): Promise<T> {
  const key = rangeCacheKey(args.key); // one window, one entry, however its instants were written
  try {
    const dataEnd = await getDataEnd();
    return await cachedFleetRead({
      name: args.name,
      key,
      end: dataEnd.end,
      stale: isTelemetryStale(dataEnd),
      load: () => args.load(dataEnd),
    });
  } catch (err) {
    const held = isDatabaseUnavailable(err) ? heldFleetRead<T>({ name: args.name, key }) : undefined;
    if (!held) throw err;
    const { telemetry } = held.value;
    const heldForSeconds = Math.round((Date.now() - held.storedAt.getTime()) / 1000);
    return {
      ...held.value,
      telemetry: {
        ...telemetry,
        lagSeconds: telemetry.lagSeconds === null ? null : telemetry.lagSeconds + heldForSeconds,
        heldFrom: held.storedAt.toISOString(),
      },
    };
  }
}

/** How each source's latency percentiles are obtained, as a page states it beside them. */
const LATENCY_METHOD: Record<TTelemetryDto["source"], string> = {
  simulated:
    "Latency percentiles are of all requests in the window, from merged per-minute request histograms (the simulated fleet's latency distribution).",
  cloudwatch:
    "Latency percentiles are of all requests in the window, from merged per-minute histograms rebuilt from each pool's CloudWatch p50, p95 and p99 (CloudWatch percentiles cannot be added): within one bucket, about ±13 %.",
};

/** Which source answered a page, how far behind it is (the staleness banner) and where its data ends. */
export const telemetryDto = ({
  lagSeconds,
  dataThrough,
}: Pick<DataEnd, "lagSeconds" | "dataThrough">): TTelemetryDto => {
  const source = getConfig().TELEMETRY_SOURCE;
  return {
    source,
    lagSeconds,
    dataThrough: dataThrough?.toISOString() ?? null,
    latencyMethod: LATENCY_METHOD[source],
  };
};
