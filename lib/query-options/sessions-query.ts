import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { ZSessionList } from "@/lib/auth/session-dto";
import { fetchJson } from "./fetch-json";

export const sessionsKey = ["sessions"] as const;

export const sessionsQuery = () =>
  queryOptions({
    queryKey: sessionsKey,
    queryFn: () => fetchJson(ZSessionList, "/api/sessions"),
    refetchInterval: 30_000,
  });

export const postRevokeSession = (args: { id: string; reason: string }) =>
  fetchJson(
    z.object({ revoked: z.object({ id: z.string(), userId: z.string() }) }),
    `/api/sessions/${args.id}/revoke`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(args.reason.trim() ? { reason: args.reason.trim() } : {}),
    },
  );
