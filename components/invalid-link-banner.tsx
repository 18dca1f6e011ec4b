import { DEFAULT_RANGE } from "@/lib/telemetry/sql/time-range";

// A link with bad search params (range, month, filters) renders this instead of failing the page.
export function InvalidLinkBanner({ what, message }: { what: string; message: string }) {
  return (
    <div className="banner bad" role="alert">
      This link has an invalid {what}: {message}. Pick one above.
    </div>
  );
}

/** A bad time range in a link: the page still shows, on the default range, and says so. */
export function RangeNotice({ message }: { message: string }) {
  return (
    <div className="banner warn" role="alert">
      This link has an invalid time range: {message}. Showing the last {DEFAULT_RANGE} instead; pick a range above.
    </div>
  );
}
