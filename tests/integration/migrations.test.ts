import { readdirSync } from "node:fs";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { createTestDatabase } from "../setup/test-database";

describe("migrations", () => {
  it("apply to an empty database, record themselves like Prisma, and are a no-op the second time", async () => {
    const db = await createTestDatabase();
    try {
      const names = readdirSync("prisma/migrations", { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
      expect(await applyMigrations({ databaseUrl: db.url })).toEqual(names);
      expect(await applyMigrations({ databaseUrl: db.url })).toEqual([]);

      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const tables = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining([
          "Model",
          "Pool",
          "PoolModel",
          "InstancePrice",
          "CapacityReservation",
          "Commitment",
          "telemetry_minute",
          "telemetry_hourly",
          "PoolAction",
          "AuditEvent",
          "_prisma_migrations",
        ]),
      );
      const recorded = await client.query(
        "SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name",
      );
      expect(recorded.rows.map((r) => r.migration_name)).toEqual(names);
      expect(recorded.rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum) && r.finished_at)).toBe(true);

      // An applied migration edited afterwards is refused rather than silently skipped.
      await client.query("UPDATE _prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name = $1", [
        names[0],
      ]);
      await client.end();
      await expect(applyMigrations({ databaseUrl: db.url })).rejects.toThrow(/edited after it was applied/);
    } finally {
      await db.drop();
    }
  });
});
