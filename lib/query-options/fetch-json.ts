import { z } from "zod";
import { ApiError } from "./make-query-client";

/** The API's error body (lib/http/handle-route.ts); `details.fields` names a form's fields. */
const ZErrorBody = z.object({
  error: z.object({
    code: z.string().optional(),
    message: z.string().optional(),
    details: z.object({ fields: z.record(z.string(), z.string()).optional() }).optional(),
  }),
});

/** GET (or other) JSON from our API, validated with the response schema instead of cast. */
export async function fetchJson<S extends z.ZodType>(schema: S, url: string, init?: RequestInit): Promise<z.infer<S>> {
  const response = await fetch(url, { ...init, headers: { accept: "application/json", ...init?.headers } });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = ZErrorBody.safeParse(body).data?.error;
    throw new ApiError(
      response.status,
      error?.code ?? "HTTP_ERROR",
      error?.message ?? `request failed with HTTP ${response.status}`,
      error?.details?.fields ?? {},
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new ApiError(502, "BAD_RESPONSE", `unexpected response from ${url}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export function toSearch(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : "";
}
