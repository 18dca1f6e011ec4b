// Each page-API test file gets its own migrated database holding the simulated fleet and recent
// telemetry (2 days: "last 6h" reads minute rows, "last 7d" reads hourly rollups).
import { beforeAll, expect } from "vitest";
import { getPool } from "@/lib/db";
import { createSimulatedTelemetrySource } from "@/lib/simulator/simulated-telemetry-source";
import { seedSimulatedFleet } from "@/lib/simulator/seed-simulated-fleet";
import { runIngest } from "@/lib/telemetry/run-ingest";
import { appRequest } from "../setup/auth";
import { useTestDatabase } from "../setup/test-database";

export function useSeededFleet(opts: { backfillDays?: number } = {}) {
  useTestDatabase();
  beforeAll(async () => {
    await seedSimulatedFleet();
    const result = await runIngest({
      source: createSimulatedTelemetrySource({ seed: 5 }),
      backfillDays: opts.backfillDays ?? 2,
    });
    expect(result.error).toBeUndefined();
  });
}

type Handler<P> = (request: Request, ctx: { params: Promise<P> }) => Promise<Response>;

/** Calls a route handler as a signed-in viewer (or `role`), returning status and parsed body. */
export async function callRoute<P extends Record<string, string>>(
  handler: Handler<P> | ((request: Request) => Promise<Response>),
  path: string,
  opts: { params?: P; role?: "viewer" | "operator" | "admin" | null } = {},
) {
  const request = appRequest(path, { role: opts.role === undefined ? "viewer" : opts.role });
  const response = await (handler as Handler<P>)(request, { params: Promise.resolve(opts.params ?? ({} as P)) });
  return { status: response.status, body: await response.json() };
}

export async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await getPool().query(text, params)).rows as T[];
}

/** Inserts a finished pool action straight into the database (as the worker would leave it). */
export async function insertFinishedAction(args: {
  poolId: string;
  kind: "launch" | "drain";
  count: number;
  startedAt: Date;
  finishedAt: Date;
}) {
  const id = crypto.randomUUID();
  await sql(
    `INSERT INTO "PoolAction" (id, "poolId", kind, count, state, "requestedBy", reason, "idempotencyKey", "requestHash", preview, "createdAt", "startedAt", "finishedAt")
     VALUES ($1, $2, $3::"PoolActionKind", $4, 'succeeded', 'test-operator', 'page test', $5, 'test', '{}'::jsonb, $6, $6, $7)`,
    [id, args.poolId, args.kind, args.count, `test-${id}`, args.startedAt, args.finishedAt],
  );
  return id;
}
