// The three states every live page shares besides "loaded": first load, failed first load, and a
// failed refresh that keeps the previous data on screen. Errors always carry the server's reason.
export function LoadingBlock({ height = 480, label = "Loading" }: { height?: number; label?: string }) {
  return <div className="skeleton" style={{ height }} aria-busy="true" aria-label={label} />;
}

export function LoadError({ what, error }: { what: string; error: Error }) {
  return (
    <div className="banner bad" role="alert">
      Could not load {what}: {error.message}
    </div>
  );
}

export function RefreshError({ error }: { error: Error | null }) {
  if (!error) return null;
  return (
    <div className="banner bad" role="alert">
      Refresh failed: {error.message} (showing the previous data)
    </div>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <div className="panel empty">{children}</div>;
}
