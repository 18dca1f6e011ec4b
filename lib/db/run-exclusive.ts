import "server-only";
import { getPool } from "@/lib/db";

// Runs `job` only if no other process (replica) holds the same advisory lock, so periodic jobs run
// once per interval across replicas. Returns undefined when another holder is busy.
export const LOCKS = {
  telemetryIngest: 727_101,
  actionWorker: 727_102,
  inventorySync: 727_103,
  billingIngest: 727_104,
} as const;

export async function runExclusive<T>(lockKey: number, job: () => Promise<T>): Promise<T | undefined> {
  const client = await getPool().connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [lockKey]);
    if (!rows[0]?.locked) return undefined;
    try {
      return await job();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [lockKey]);
    }
  } finally {
    client.release();
  }
}
