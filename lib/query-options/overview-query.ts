import { queryOptions } from "@tanstack/react-query";
import { ZOverview } from "@/lib/overview/overview-dto";
import type { TRangeParams } from "@/lib/telemetry/sql/time-range";
import { fetchJson, toSearch } from "./fetch-json";

export const overviewQuery = (params: TRangeParams) =>
  queryOptions({
    queryKey: ["overview", params],
    queryFn: () => fetchJson(ZOverview, `/api/overview${toSearch(params)}`),
  });
