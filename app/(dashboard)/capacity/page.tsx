import { InvalidLinkBanner, RangeNotice } from "@/components/invalid-link-banner";
import { TimeRangePicker } from "@/components/time-range-picker";
import { requirePageUser } from "@/lib/auth/get-page-user";
import { getCapacityOverview } from "@/lib/capacity/get-capacity-overview";
import { loadPageData } from "@/lib/http/load-page-data";
import { parseRangeSearch } from "@/lib/url/range-search-params";
import { CapacityClient } from "./client";

export const dynamic = "force-dynamic";

export default async function CapacityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("viewer");
  const parsed = parseRangeSearch(await searchParams);
  const result = await loadPageData(() => getCapacityOverview({ params: parsed.params }));
  return (
    <>
      <header className="page-header">
        <h1>Reserved capacity</h1>
        <TimeRangePicker />
      </header>
      {parsed.notice && <RangeNotice message={parsed.notice} />}
      {result.ok ? (
        <CapacityClient initialData={result.data} initialParams={parsed.params} />
      ) : (
        <InvalidLinkBanner what="request" message={result.message} />
      )}
    </>
  );
}
