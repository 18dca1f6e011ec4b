import { queryOptions } from "@tanstack/react-query";
import { ZCapacityOverview } from "@/lib/capacity/capacity-dto";
import { ZCapacityReview } from "@/lib/capacity/review-dto";
import type { TReviewInput } from "@/lib/capacity/review-month";
import type { TRangeParams } from "@/lib/telemetry/sql/time-range";
import { fetchJson, toSearch } from "./fetch-json";

export const capacityQuery = (params: TRangeParams) =>
  queryOptions({
    queryKey: ["capacity", "overview", params],
    queryFn: () => fetchJson(ZCapacityOverview, `/api/capacity${toSearch(params)}`),
  });

export const capacityReviewQuery = (input: TReviewInput) =>
  queryOptions({
    queryKey: ["capacity", "review", input],
    queryFn: () => fetchJson(ZCapacityReview, `/api/capacity/review${toSearch(input)}`),
  });
