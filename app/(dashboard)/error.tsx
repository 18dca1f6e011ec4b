"use client";

import { useRouter } from "next/navigation";
import { startTransition, useCallback, useEffect } from "react";
import { DATABASE_UNAVAILABLE_DIGEST } from "@/lib/db/is-database-unavailable";

const RETRY_MS = 5_000;

// Server errors reach the browser without their message in production (only a digest that the
// server log carries too), so say where to look. An unreachable database has a digest of its own:
// say so, and retry on our own until it is back.
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const outage = error.digest === DATABASE_UNAVAILABLE_DIGEST;
  const router = useRouter();
  // The error came from the server render: fetch it again (refresh), then clear the boundary.
  const retry = useCallback(
    () =>
      startTransition(() => {
        router.refresh();
        reset();
      }),
    [router, reset],
  );
  useEffect(() => {
    if (!outage) return;
    const timer = setTimeout(retry, RETRY_MS);
    return () => clearTimeout(timer);
  }, [outage, retry]);
  if (outage)
    return (
      <div className="banner bad" role="alert" data-testid="database-unreachable">
        <p>The database is unreachable, retrying every {RETRY_MS / 1000} s. Pages shown before keep their figures.</p>
        <button type="button" onClick={retry}>
          Try again now
        </button>
      </div>
    );
  return (
    <div className="banner bad" role="alert">
      <p>This page could not be loaded: {error.message || "server error"}.</p>
      {error.digest && <p className="small">Reference {error.digest} (search the server log for it).</p>}
      <button type="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
