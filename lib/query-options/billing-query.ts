import { queryOptions } from "@tanstack/react-query";
import { type TBillingParams, ZBilledVsEstimated } from "@/lib/billing/billed-vs-estimated-dto";
import { fetchJson, toSearch } from "./fetch-json";

export const billingQuery = (params: TBillingParams) =>
  queryOptions({
    queryKey: ["billing", params],
    queryFn: () => fetchJson(ZBilledVsEstimated, `/api/billing${toSearch(params)}`),
    refetchInterval: 60_000,
  });
