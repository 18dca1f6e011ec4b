import { fmtUtc } from "@/components/format";
import type { TTelemetryDto } from "@/lib/read-model/telemetry-dto";
import { STALE_AFTER_SECONDS } from "@/lib/telemetry/staleness";

/**
 * Where the page's data ends ("data as of", at the top of every telemetry page, under the range
 * picker), and how old it is when the telemetry source has fallen behind, or when the database is
 * unreachable and the page shows its last answer.
 */
export function TelemetryBanner(telemetry: TTelemetryDto) {
  return (
    <>
      {telemetry.dataThrough && (
        <p className="muted small data-as-of" data-testid="data-as-of" title="The end of the newest stored minute">
          Data as of {fmtUtc(telemetry.dataThrough)}
        </p>
      )}
      <StaleBanner {...telemetry} />
    </>
  );
}

function StaleBanner({ lagSeconds, source, heldFrom }: TTelemetryDto) {
  if (heldFrom)
    return (
      <div className="banner bad" role="status" data-testid="outage-banner">
        The database is unreachable, retrying: figures below are the last ones read, at {fmtUtc(heldFrom)}.
      </div>
    );
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
