import { queryOptions } from "@tanstack/react-query";
import { ZModelDetail, ZModelList } from "@/lib/models/model-dto";
import type { TRangeParams } from "@/lib/telemetry/sql/time-range";
import { fetchJson, toSearch } from "./fetch-json";

export const modelsQuery = (params: TRangeParams) =>
  queryOptions({
    queryKey: ["models", "list", params],
    queryFn: () => fetchJson(ZModelList, `/api/models${toSearch(params)}`),
  });

export const modelDetailQuery = (modelId: string, params: TRangeParams) =>
  queryOptions({
    queryKey: ["models", "detail", modelId, params],
    queryFn: () => fetchJson(ZModelDetail, `/api/models/${encodeURIComponent(modelId)}${toSearch(params)}`),
  });
