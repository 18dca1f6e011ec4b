// Step and instance times to the second (UTC, as every time in the app), with the full UTC
// timestamp as a tooltip, and elapsed durations.

/** "05:12:33" (UTC) */
export const fmtClock = (iso: string) => new Date(iso).toISOString().slice(11, 19);

/** "2026-12-06 05:12:33.120 UTC" */
export const fmtUtcFull = (iso: string) => `${new Date(iso).toISOString().slice(0, 23).replace("T", " ")} UTC`;

/** "45 s", "1 min 32 s", "2 h 05 min" */
export function fmtSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}

export const secondsBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

export function Clock({ iso, label }: { iso: string; label?: string }) {
  return (
    <time dateTime={iso} title={fmtUtcFull(iso)}>
      {label ? `${label} ` : ""}
      {fmtClock(iso)}
    </time>
  );
}

/** When a step ran and for how long: "05:12:03 → 05:13:35 (1 min 32 s)", or "since 05:12:03" while it runs. */
export function StepTimes({ startedAt, finishedAt }: { startedAt: string | null; finishedAt: string | null }) {
  if (!startedAt && !finishedAt) return null;
  return (
    <span className="muted" data-testid="step-times">
      {" · "}
      {startedAt && !finishedAt && <Clock iso={startedAt} label="since" />}
      {startedAt && finishedAt && (
        <>
          <Clock iso={startedAt} /> → <Clock iso={finishedAt} /> ({fmtSeconds(secondsBetween(startedAt, finishedAt))})
        </>
      )}
      {!startedAt && finishedAt && <Clock iso={finishedAt} label="ended" />}
    </span>
  );
}
