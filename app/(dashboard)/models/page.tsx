import { InvalidLinkBanner, RangeNotice } from "@/components/invalid-link-banner";
import { TimeRangePicker } from "@/components/time-range-picker";
import { requirePageUser } from "@/lib/auth/get-page-user";
import { loadPageData } from "@/lib/http/load-page-data";
import { listModels } from "@/lib/models/list-models";
import { parseRangeSearch } from "@/lib/url/range-search-params";
import { ModelsClient } from "./client";

export const dynamic = "force-dynamic";

export default async function ModelsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageUser("viewer");
  const parsed = parseRangeSearch(await searchParams);
  const result = await loadPageData(() => listModels({ params: parsed.params }));
  return (
    <>
      <header className="page-header">
        <h1>Models</h1>
        <TimeRangePicker />
      </header>
      {parsed.notice && <RangeNotice message={parsed.notice} />}
      {result.ok ? (
        <ModelsClient initialData={result.data} initialParams={parsed.params} />
      ) : (
        <InvalidLinkBanner what="request" message={result.message} />
      )}
    </>
  );
}
