import { TimeRangePicker } from "@/components/time-range-picker";
import { getFleetOverview } from "@/lib/overview/get-fleet-overview";
import { parseRangeSearch } from "@/lib/url/range-search-params";
import { OverviewClient } from "./overview-client";

export const dynamic = "force-dynamic";

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = parseRangeSearch(await searchParams);
  return (
    <>
      <header className="page-header">
        <h1>Fleet overview</h1>
        <TimeRangePicker />
      </header>
      {parsed.ok ? (
        <OverviewClient initialData={await getFleetOverview({ params: parsed.params })} initialParams={parsed.params} />
      ) : (
        <div className="banner bad" role="alert">
          This link has an invalid time range ({parsed.message}). Pick a range above.
        </div>
      )}
    </>
  );
}
