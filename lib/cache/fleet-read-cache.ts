import "server-only";
import { dbScoped, getPool } from "@/lib/db";
import { createRequestCoalescer } from "./request-coalescer";

// Page reads (pools table, model page, capacity review…) shared by every viewer until the data
// behind them changes. Callers put the range's end (the newest stored minute) in their key, so new
// telemetry makes a new key; the fleet data version (a sequence every write to models, pools,
// prices, reservations and actions moves, from any replica: see the fleet_data_version migration)
// covers the rest. Entries also expire after a minute, a safety net for what no key sees (another
// replica's late telemetry rewriting minutes already read); for five more minutes an expired entry
// is still served while one refresh replaces it, so viewers never queue behind that recompute
// (under 50 connections it stalled the capacity review for 5 s). Results are shared: read, never mutate.
const entries = () => dbScoped("fleet-reads", () => createRequestCoalescer<unknown>());
const CACHE_MS = 60_000;
const STALE_MS = 5 * 60_000;

/** The current fleet data version: one sequence read, no lock, no row. */
export async function getFleetDataVersion(): Promise<string> {
  const { rows } = await getPool().query<{ v: string }>(`SELECT (last_value::text || ':' || is_called::text) AS v FROM fleet_data_version`);
  return rows[0]!.v;
}

export async function cachedFleetRead<T>(args: { name: string; key: unknown; load: () => Promise<T> }): Promise<T> {
  const version = await getFleetDataVersion();
  const now = new Date();
  const key = JSON.stringify([args.name, args.key, version]);
  return entries().get({
    key, now, expiresAt: new Date(now.getTime() + CACHE_MS), staleUntil: new Date(now.getTime() + CACHE_MS + STALE_MS), load: args.load,
  }) as Promise<T>;
}

/** After telemetry is rewritten (late data keeps the same range end): drop every cached page. */
export function forgetFleetReads(): void {
  entries().clear();
}
