import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { ZInventoryOverview, ZInventorySyncResult } from "@/lib/inventory/read/inventory-dto";
import { fetchJson } from "./fetch-json";

export const inventoryKey = ["inventory"] as const;

export const inventoryQuery = () =>
  queryOptions({
    queryKey: inventoryKey,
    queryFn: () => fetchJson(ZInventoryOverview, "/api/inventory"),
    refetchInterval: 30_000,
  });

export const postInventorySync = () =>
  fetchJson(z.object({ sync: ZInventorySyncResult }), "/api/inventory/sync", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
