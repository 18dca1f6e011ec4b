import { QueryClient } from "@tanstack/react-query";

// One set of defaults for every query: data is server-rendered first, so don't refetch on mount;
// keep the previous data on screen while a new range loads.
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => failureCount < 2 && !(error instanceof ApiError && error.status < 500),
      },
    },
  });
}

/** A non-2xx answer from our API, with the server's message (and, for a form, the message per field). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}
