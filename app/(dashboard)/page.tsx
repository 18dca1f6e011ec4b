import { InvalidLinkBanner, RangeNotice } from "@/components/invalid-link-banner";
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
  const result = await loadPageData(() => getFleetOverview({ params: parsed.params }));
  return (
    <>
      <header className="page-header">
        <h1>Fleet overview</h1>
        <TimeRangePicker />
      </header>
      {parsed.notice && <RangeNotice message={parsed.notice} />}
      {result.ok ? (
        <OverviewClient initialData={result.data} initialParams={parsed.params} />
      ) : (
        <InvalidLinkBanner what="request" message={result.message} />
      )}
    </>
  );
}
