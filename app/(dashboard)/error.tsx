"use client";

// Server errors reach the browser without their message in production (only a digest that the
// server log carries too), so say where to look.
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
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
