import { STALE_AFTER_SECONDS } from "@/lib/telemetry/staleness";

/** Says how old the data is when the telemetry source has fallen behind. */
export function TelemetryBanner({ lagSeconds, source }: { lagSeconds: number | null; source: string }) {
  if (lagSeconds === null)
    return (
      <div className="banner warn" role="status">
        No telemetry stored yet from the {source} source.
      </div>
    );
  if (lagSeconds <= STALE_AFTER_SECONDS) return null;
  const minutes = Math.round(lagSeconds / 60);
  return (
    <div className="banner warn" role="status" data-testid="stale-banner">
      Telemetry is stale: the newest data from the {source} source is {minutes} min old. Figures below are from stored
      data.
    </div>
  );
}
