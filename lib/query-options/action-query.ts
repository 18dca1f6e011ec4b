import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { isActiveState, ZPoolActionDto } from "@/lib/fleet/actions/action-dto";
import { fetchJson } from "./fetch-json";

// One action, followed live on its own page while it is not over (viewers included).
export const actionKey = (actionId: string) => ["actions", actionId] as const;

export const actionQuery = (actionId: string) =>
  queryOptions({
    queryKey: actionKey(actionId),
    queryFn: () => fetchJson(z.object({ action: ZPoolActionDto }), `/api/actions/${encodeURIComponent(actionId)}`),
    refetchInterval: (q) => (q.state.data && isActiveState(q.state.data.action.state) ? 2000 : false),
  });
