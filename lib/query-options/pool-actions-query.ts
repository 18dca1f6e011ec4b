import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { isActiveState, ZPoolActionDto } from "@/lib/fleet/actions/action-dto";
import { poolActionHistoryQuery } from "./pools-query";
import type { TPoolActionPreviewRequest, TPoolActionRequest } from "@/lib/fleet/actions/action-input";
import { ZPreviewResponse } from "@/lib/fleet/actions/action-preview-dto";
import { fetchJson } from "./fetch-json";

// Query and mutation calls for pool actions. The history shares its key with the pool page's
// (lib/query-options/pools-query.ts), and invalidating ["pools", poolId] after a change refreshes the
// panel, the pool's figures and its action history together.
export const poolActionsKey = (poolId: string) => ["pools", poolId] as const;

export const poolActionsQuery = (poolId: string) =>
  queryOptions({
    ...poolActionHistoryQuery(poolId),
    // While an action is active, follow it closely; otherwise a slow background refresh.
    refetchInterval: (q) => (q.state.data?.actions.some((a) => isActiveState(a.state)) ? 2000 : 30_000),
  });

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

export const postPoolActionPreview = (poolId: string, body: TPoolActionPreviewRequest) =>
  fetchJson(ZPreviewResponse, `/api/pools/${encodeURIComponent(poolId)}/actions/preview`, json(body));

export const postPoolActionRequest = (poolId: string, body: TPoolActionRequest, idempotencyKey: string) =>
  fetchJson(
    z.object({ action: ZPoolActionDto, replayed: z.boolean() }),
    `/api/pools/${encodeURIComponent(poolId)}/actions`,
    json(body, { "idempotency-key": idempotencyKey }),
  );

export const postCancelPoolAction = (actionId: string) =>
  fetchJson(z.object({ action: ZPoolActionDto }), `/api/actions/${actionId}/cancel`, json({}));

export const postApprovePoolAction = (actionId: string, paramsHash: string, comment?: string) =>
  fetchJson(
    z.object({ action: ZPoolActionDto }),
    `/api/actions/${actionId}/approve`,
    json(comment ? { paramsHash, comment } : { paramsHash }),
  );

export const postRejectPoolAction = (actionId: string, paramsHash: string, comment: string) =>
  fetchJson(z.object({ action: ZPoolActionDto }), `/api/actions/${actionId}/reject`, json({ paramsHash, comment }));
