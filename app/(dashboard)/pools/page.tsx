import { InvalidLinkBanner, RangeNotice } from "@/components/invalid-link-banner";
import { TimeRangePicker } from "@/components/time-range-picker";
import { requirePageUser } from "@/lib/auth/get-page-user";
import { loadPageData } from "@/lib/http/load-page-data";
import { listPools } from "@/lib/pools/list-pools";
import { parseRangeSearch } from "@/lib/url/range-search-params";
import { PoolsClient } from "./client";

export const dynamic = "force-dynamic";

export default async function PoolsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("viewer");
  const parsed = parseRangeSearch(await searchParams);
  const result = await loadPageData(() => listPools({ params: parsed.params }));
  return (
    <>
      <header className="page-header">
        <h1>Pools</h1>
        <TimeRangePicker />
      </header>
      {parsed.notice && <RangeNotice message={parsed.notice} />}
      {result.ok ? (
        <PoolsClient initialData={result.data} initialParams={parsed.params} />
      ) : (
        <InvalidLinkBanner what="request" message={result.message} />
      )}
    </>
  );
}
