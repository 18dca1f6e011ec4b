import { RangeLink } from "@/components/range-link";
import { notFound } from "next/navigation";
import { InvalidLinkBanner, RangeNotice } from "@/components/invalid-link-banner";
import { TimeRangePicker } from "@/components/time-range-picker";
import { requirePageUser } from "@/lib/auth/get-page-user";
import { loadPageData } from "@/lib/http/load-page-data";
import { getModelDetail } from "@/lib/models/get-model-detail";
import { ZModelIdParam } from "@/lib/models/model-dto";
import { parseRangeSearch } from "@/lib/url/range-search-params";
import { ModelDetailClient } from "./client";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ modelId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ModelPage({ params, searchParams }: Props) {
  await requirePageUser("viewer");
  const modelId = ZModelIdParam.safeParse((await params).modelId);
  if (!modelId.success) notFound();
  const parsed = parseRangeSearch(await searchParams);
  const result = await loadPageData(() => getModelDetail({ modelId: modelId.data, params: parsed.params }));
  if (!result.ok && result.code === "NOT_FOUND") notFound();
  return (
    <>
      <header className="page-header">
        <div>
          <div className="small muted">
            <RangeLink href="/models">Models</RangeLink> /
          </div>
          <h1>{result.ok ? result.data.model.displayName : modelId.data}</h1>
        </div>
        <TimeRangePicker />
      </header>
      {parsed.notice && <RangeNotice message={parsed.notice} />}
      {result.ok ? (
        <ModelDetailClient modelId={modelId.data} initialData={result.data} initialParams={parsed.params} />
      ) : (
        <InvalidLinkBanner what="request" message={result.message} />
      )}
    </>
  );
}
