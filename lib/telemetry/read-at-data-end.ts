import "server-only";
import { cachedFleetRead } from "@/lib/cache/fleet-read-cache";
import { getConfig } from "@/lib/config";
import { getDataEnd, isTelemetryStale, type DataEnd } from "./get-data-end";

/**
 * A page read over the telemetry stored so far: the data end is read once, handed to `load`, and
 * the page is cached against it. lib/cache sits below telemetry, so the data end is passed down.
 */
export async function readAtDataEnd<T>(args: {
  name: string;
  key: unknown;
  load: (dataEnd: DataEnd) => Promise<T>;
}): Promise<T> {
  const dataEnd = await getDataEnd();
  return cachedFleetRead({
    name: args.name,
    key: args.key,
    end: dataEnd.end,
    stale: isTelemetryStale(dataEnd),
    load: () => args.load(dataEnd),
  });
}

/** Which source answered a page and how far behind it is (the staleness banner). */
export const telemetryDto = (lagSeconds: number | null) => ({ source: getConfig().TELEMETRY_SOURCE, lagSeconds });
