import { queryOptions } from "@tanstack/react-query";
import { ZPoolActionList } from "@/lib/fleet/actions/action-dto";
import { ZPoolDetail, ZPoolList } from "@/lib/pools/pool-dto";
import type { TRangeParams } from "@/lib/telemetry/sql/time-range";
import { fetchJson, toSearch } from "./fetch-json";

// Keys start with ["pools", poolId] so that invalidating a pool (after a launch or drain) refreshes
// its page's figures and its action history together.
export const poolsQuery = (params: TRangeParams) =>
  queryOptions({
    queryKey: ["pools", "list", params],
    queryFn: () => fetchJson(ZPoolList, `/api/pools${toSearch(params)}`),
  });

export const poolDetailQuery = (poolId: string, params: TRangeParams) =>
  queryOptions({
    queryKey: ["pools", poolId, "detail", params],
    queryFn: () => fetchJson(ZPoolDetail, `/api/pools/${encodeURIComponent(poolId)}${toSearch(params)}`),
  });

export const poolActionHistoryQuery = (poolId: string) =>
  queryOptions({
    queryKey: ["pools", poolId, "actions"],
    queryFn: () => fetchJson(ZPoolActionList, `/api/pools/${encodeURIComponent(poolId)}/actions`),
  });
