import type { InventorySnapshot } from "@/lib/inventory/types";
import type { CurrentInventory } from "./diff-inventory";

/**
 * A reservation stays linked to a stored pool whose scope failed this pass. That pool is kept,
 * stale (never retired), but the source could not see it, so it cannot be matched: without this,
 * a cluster's outage would unlink its pools' reservations (a change, an audit row and an
 * "unmatched" problem) and the next good pass would link them again. An open reservation keeps
 * the stale link even when another pool now matches (the stale pool's zones and size are
 * unknown); a targeted one follows its tag when the tag names a pool that was seen.
 */
export function keepStaleReservationLinks(args: {
  current: CurrentInventory;
  snapshot: InventorySnapshot;
}): InventorySnapshot {
  const { current, snapshot } = args;
  const failed = new Set(snapshot.scopes.filter((s) => !s.ok).map((s) => s.scope));
  const stale = new Set(
    current.pools.filter((p) => !p.retiredAt && failed.has(p.inventoryScope ?? "")).map((p) => p.id),
  );
  if (!stale.size) return snapshot;
  const storedLink = new Map(current.reservations.map((r) => [r.id, r.poolId]));
  const kept = new Set<string>();
  const reservations = snapshot.reservations.map((r) => {
    const link = storedLink.get(r.id);
    if (!link || !stale.has(link) || link === r.poolId) return r;
    if (r.poolId !== null && r.instanceMatchCriteria === "targeted") return r;
    kept.add(r.id);
    return { ...r, poolId: link };
  });
  if (!kept.size) return snapshot;
  const problems = snapshot.problems.filter((p) => !(p.kind === "unmatched_reservation" && kept.has(p.subject)));
  return { ...snapshot, reservations, problems };
}
