import type pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { getConfig } from "@/lib/config";
import { getPool } from "@/lib/db";
import { getHealth } from "@/lib/health/get-health";
import { useTestDatabase } from "../setup/test-database";

// Issue 18: with every pooled connection busy (a burst of uncached reads), readiness answered after
// the reads, past its 3 s timeout. Health now has a connection of its own.
useTestDatabase();
const held: pg.PoolClient[] = [];
afterAll(() => held.forEach((c) => c.release()));

describe("health on a connection of its own", () => {
  it("answers while every pooled connection is taken", async () => {
    for (let i = 0; i < getConfig().DATABASE_POOL_SIZE; i++) held.push(await getPool().connect());
    // The shared pool is exhausted: a query there would wait for a release.
    const blocked = Promise.race([
      getPool()
        .query("SELECT 1")
        .then(() => "answered"),
      new Promise((r) => setTimeout(() => r("waiting"), 300)),
    ]);
    expect(await blocked).toBe("waiting");
    const health = await getHealth();
    expect(health.database.reachable).toBe(true);
    expect(health.status).not.toBe("down");
  });
});
