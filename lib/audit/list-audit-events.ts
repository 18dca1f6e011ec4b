import "server-only";
import { getPrisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/parse-input";
import type { TAuditPage } from "./audit-event-dto";
import { DEFAULT_AUDIT_PAGE_SIZE, ZAuditFilters, resolveAuditRange } from "./audit-filters";

/**
 * Audit events, newest first, for the filters in `query` (unparsed search params: parsed here so
 * no caller can skip validation). Keyset pagination on (at, id) from the cursor event: stable
 * while new events arrive, unlike an offset, and served by the (at), (actor, at) and (poolId, at)
 * indexes. `maxRows` lets the CSV export read past the page size.
 */
export async function listAuditEvents(args: { query: unknown; now?: Date; maxRows?: number }): Promise<TAuditPage> {
  const q = parseInput(ZAuditFilters, args.query);
  const { from, to } = resolveAuditRange(q, args.now ?? new Date());
  const take = args.maxRows ?? q.limit ?? DEFAULT_AUDIT_PAGE_SIZE;
  const prisma = getPrisma();
  let after: Prisma.AuditEventWhereInput = {};
  if (q.before) {
    const cursor = await prisma.auditEvent.findUnique({
      where: { id: BigInt(q.before) },
      select: { id: true, at: true },
    });
    if (!cursor)
      throw new AppError("BAD_REQUEST", `before: no audit event ${q.before}; use nextBefore from a previous page`);
    after = { OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] };
  }
  const where: Prisma.AuditEventWhereInput = {
    at: { gte: from, lte: to },
    ...(q.actor ? { actor: q.actor } : {}),
    ...(q.poolId ? { poolId: q.poolId } : {}),
    ...(q.action ? { action: { startsWith: q.action } } : {}),
    ...(q.outcome ? { outcome: q.outcome } : {}),
    ...after,
  };
  const rows = await prisma.auditEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], take: take + 1 });
  const page = rows.slice(0, take);
  return {
    events: page.map((e) => ({
      id: e.id.toString(),
      at: e.at.toISOString(),
      actor: e.actor,
      actorRole: e.actorRole,
      action: e.action,
      poolId: e.poolId,
      modelId: e.modelId,
      params: e.params ?? null,
      outcome: e.outcome,
      reason: e.reason,
      message: e.message,
      sourceIp: e.sourceIp,
      userAgent: e.userAgent,
      repeatCount: e.repeatCount,
      lastAt: e.lastAt?.toISOString() ?? null,
    })),
    nextBefore: rows.length > take ? page[page.length - 1]!.id.toString() : null,
    range: { from: from.toISOString(), to: to.toISOString() },
  };
}
