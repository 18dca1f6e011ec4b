import { RangeLink } from "@/components/range-link";
import { notFound } from "next/navigation";
import { InvalidLinkBanner, RangeNotice } from "@/components/invalid-link-banner";
import { PoolActionsPanel } from "@/components/pool-actions/pool-actions-panel";
import { TimeRangePicker } from "@/components/time-range-picker";
import { requirePageUser } from "@/lib/auth/get-page-user";
import { hasRole } from "@/lib/auth/roles";
import { listPoolActions } from "@/lib/fleet/actions/get-pool-action";
import { loadPageData } from "@/lib/http/load-page-data";
import { getPoolDetail } from "@/lib/pools/get-pool-detail";
import { ZPoolIdParam } from "@/lib/fleet/pool-id-param";
import { parseRangeSearch } from "@/lib/url/range-search-params";
import { PoolDetailClient } from "./client";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ poolId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function PoolPage({ params, searchParams }: Props) {
  const user = await requirePageUser("viewer");
  const id = ZPoolIdParam.safeParse((await params).poolId);
  if (!id.success) notFound();
  const poolId = id.data;
  const parsed = parseRangeSearch(await searchParams);
  const result = await loadPageData(async () => {
    const [detail, actions] = await Promise.all([
      getPoolDetail({ poolId, params: parsed.params }),
      listPoolActions({ poolId }),
    ]);
    return { detail, actions };
  });
  if (!result.ok && result.code === "NOT_FOUND") notFound();
  return (
    <>
      <header className="page-header">
        <div>
          <div className="small muted">
            <RangeLink href="/pools">Pools</RangeLink> /
          </div>
          <h1>{poolId}</h1>
        </div>
        <TimeRangePicker />
      </header>
      <PoolActionsPanel
        poolId={poolId}
        canOperate={hasRole(user.role, "operator")}
        canApprove={hasRole(user.role, "admin")}
        userId={user.id}
      />
      {parsed.notice && <RangeNotice message={parsed.notice} />}
      {result.ok ? (
        <PoolDetailClient
          poolId={poolId}
          initialData={result.data.detail}
          initialActions={result.data.actions}
          initialParams={parsed.params}
        />
      ) : (
        <InvalidLinkBanner what="request" message={result.message} />
      )}
    </>
  );
}
