import { TimeRangePicker } from "@/components/time-range-picker";
import { requirePageUser } from "@/lib/auth/get-page-user";
import { loadPageData } from "@/lib/http/load-page-data";
import { getFleetOverview } from "@/lib/overview/get-fleet-overview";
import { parseRangeSearch } from "@/lib/url/range-search-params";
import { OverviewClient } from "./overview-client";

export const dynamic = "force-dynamic";

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("viewer");
  const parsed = parseRangeSearch(await searchParams);
  const result = parsed.ok
    ? await loadPageData(() => getFleetOverview({ params: parsed.params }))
    : { ok: false as const, message: parsed.message };
  return (
    <>
      <header className="page-header">
        <h1>Fleet overview</h1>
        <TimeRangePicker />
      </header>
      {parsed.ok && result.ok ? (
        <OverviewClient initialData={result.data} initialParams={parsed.params} />
      ) : (
        <div className="banner bad" role="alert">
          This link has an invalid time range: {result.ok ? "" : result.message}. Pick a range above.
        </div>
      )}
    </>
  );
}
