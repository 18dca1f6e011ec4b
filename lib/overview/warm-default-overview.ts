import "server-only";
import { getConfig } from "@/lib/config";
import { getLogger } from "@/lib/observability/logger";
import { ZRangeParams } from "@/lib/telemetry/sql/time-range";
import type { JsonBody } from "@/lib/cache/shared-json-body";
import { getFleetOverviewBody } from "./get-fleet-overview";

// The overview at its default range is what on-call opens. Its cached answer is for a range end,
// so each ingest tick retires it; the previous answer stands in meanwhile, except in the process
// that ingests (its own writes forget every answer), where the first viewer after the tick used to
// wait while it was recomputed (1–2 s on the benchmark fleet). Every replica that serves viewers calls
// this every few seconds, whether or not it runs the background jobs (web pods on EKS do not):
// a cache hit costs one version read; a miss (new telemetry, a fleet change, expiry) computes
// the page and its API body before a viewer asks.
const WARM_EVERY_MS = 5000;
const holder = globalThis as unknown as { __overviewWarmer?: NodeJS.Timeout };

export async function warmDefaultOverview(): Promise<JsonBody> {
  return getFleetOverviewBody({ params: ZRangeParams.parse({}) });
}

/** Started once per server process from instrumentation.ts. */
export function startOverviewWarmer(): void {
  if (getConfig().WARM_OVERVIEW !== "true" || holder.__overviewWarmer) return;
  let warming = false;
  holder.__overviewWarmer = setInterval(() => {
    if (warming) return; // a slow computation is not stacked
    warming = true;
    warmDefaultOverview()
      .catch((err: unknown) => getLogger().warn({ err }, "warming the default overview failed"))
      .finally(() => (warming = false));
  }, WARM_EVERY_MS);
}
