import "server-only";
import { dbScoped, getPool } from "@/lib/db";
import { createRequestCoalescer } from "./request-coalescer";
import { spendUncachedRead } from "./uncached-read-budget";

// Page reads (pools table, model page, capacity review…) shared by every viewer until the data
// behind them changes. Each answer is for a data end (the newest stored minute, and whether that
// is stale), so new telemetry asks for a new answer; the fleet data version (a sequence every
// write to models, pools, prices, reservations and actions moves, from any replica: see the
// fleet_data_version migration) is part of the key too. Entries also expire after a minute, a
// safety net for what no key sees (another replica's late telemetry rewriting minutes already read).
// Viewers never queue behind a recompute that has an answer to stand in for it (under 50
// connections that stalled the capacity review for 5 s, then, once a minute, for 2.7 s): for five
// minutes an expired entry is served while one refresh replaces it, and once the telemetry has a
// newer minute (or turns stale), the previous answer is served until the new one is ready. A fleet
// change (a new version) always waits for its answer: an operator expects to see their action.
// This process's own telemetry writes forget every answer (late data may have rewritten them).
// Results are shared: read, never mutate.
/** Page answers kept per process: well above the pages × ranges in use, a bound for a range sweep. */
export const FLEET_READS_MAX_ENTRIES = 1000;
const entries = () =>
  dbScoped("fleet-reads", () => createRequestCoalescer<unknown>({ maxEntries: FLEET_READS_MAX_ENTRIES }));
/**
 * The newest answer per page (name, key, version), whatever its range end: what stands in for the
 * next one. `forgotten` counts forgetFleetReads calls, so a load that started before one does not
 * store its answer after it.
 */
const newest = () => dbScoped("fleet-reads-newest", () => ({ forgotten: 0, pages: new Map<string, StandIn>() }));
type StandIn = { end: number; stale: boolean; value: unknown; storedAtMs: number };
const CACHE_MS = 60_000;
const STALE_MS = 5 * 60_000;
/**
 * The last answer per page (name, key), whatever its version or data end: what is served while the
 * database is unreachable (heldFleetRead), for up to an hour after it was computed. Never cleared by
 * forgetFleetReads: during an outage an old answer, marked as such, beats none.
 */
const held = () => dbScoped("fleet-reads-held", () => new Map<string, { value: unknown; storedAtMs: number }>());
const HELD_MS = 60 * 60_000;
/** Bounded in count too: every distinct custom range is a page of its own. */
const HELD_MAX_PAGES = 256;

/** The current fleet data version: one sequence read, no lock, no row. */
export async function getFleetDataVersion(): Promise<string> {
  const { rows } = await getPool().query<{ v: string }>(
    `SELECT (last_value::text || ':' || is_called::text) AS v FROM fleet_data_version`,
  );
  return rows[0]!.v;
}

/**
 * The page `name` for `key` (its parameters) over the data up to `end` (telemetry's data end), and
 * whether that telemetry is `stale`: passed in, so this cache sits below lib/telemetry, which forgets it.
 */
export async function cachedFleetRead<T>(args: {
  name: string;
  key: unknown;
  end: Date;
  stale: boolean;
  load: () => Promise<T>;
}): Promise<T> {
  const version = await getFleetDataVersion();
  const now = new Date();
  const page = JSON.stringify([args.name, args.key, version]);
  const end = args.end.getTime();
  const stale = args.stale;
  const standIns = newest();
  const forgotten = standIns.forgotten;
  const load = async () => {
    const value = await spendUncachedRead(args.load); // a miss: drawn on the asking user's budget
    const stored = standIns.pages.get(page);
    if (standIns.forgotten === forgotten && (!stored || stored.end <= end)) {
      const nowMs = Date.now();
      for (const [other, entry] of standIns.pages)
        if (nowMs - entry.storedAtMs > STALE_MS) standIns.pages.delete(other); // too old to stand in
      standIns.pages.delete(page); // re-inserted last, so the Map's order is oldest first
      standIns.pages.set(page, { end, stale, value, storedAtMs: nowMs });
      for (const oldest of standIns.pages.keys()) {
        if (standIns.pages.size <= FLEET_READS_MAX_ENTRIES) break;
        standIns.pages.delete(oldest);
      }
    }
    const last = held();
    const nowMs = Date.now();
    for (const [other, entry] of last) if (nowMs - entry.storedAtMs > HELD_MS) last.delete(other);
    const heldKey = JSON.stringify([args.name, args.key]);
    last.delete(heldKey); // re-inserted last: the Map's order is then oldest first
    last.set(heldKey, { value, storedAtMs: nowMs });
    for (const oldest of last.keys()) {
      if (last.size <= HELD_MAX_PAGES) break;
      last.delete(oldest);
    }
    return value;
  };
  const answer = entries().get({
    key: JSON.stringify([page, end, stale]),
    now,
    expiresAt: new Date(now.getTime() + CACHE_MS),
    staleUntil: new Date(now.getTime() + CACHE_MS + STALE_MS),
    load,
  }) as Promise<T>;
  const previous = standIns.pages.get(page);
  const older = previous && (previous.end < end || (previous.end === end && previous.stale !== stale));
  if (!older || now.getTime() - previous.storedAtMs > STALE_MS) return answer;
  // The previous answer, unless this one is ready already (a settled promise wins a race against a
  // later one). If the new load fails, the next caller retries it.
  return Promise.race([answer, Promise.resolve(previous.value as T)]);
}

/**
 * The last answer computed for page `name` and `key` within the hour, and when: for the caller to
 * serve, marked as old, when the database is unreachable (it cannot even say which answer is current).
 */
export function heldFleetRead<T>(args: { name: string; key: unknown }): { value: T; storedAt: Date } | undefined {
  const entry = held().get(JSON.stringify([args.name, args.key]));
  if (!entry || Date.now() - entry.storedAtMs > HELD_MS) return undefined;
  return { value: entry.value as T, storedAt: new Date(entry.storedAtMs) };
}

/** After telemetry is rewritten (late data keeps the same range end): drop every cached page. */
export function forgetFleetReads(): void {
  entries().clear();
  newest().pages.clear();
  newest().forgotten++;
}
