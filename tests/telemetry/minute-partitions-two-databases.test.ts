// A process that switches databases (the benchmark does) must create the partitions the second
// database lacks, not trust what it remembers from the first.
import { describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { ensureMinutePartitions } from "@/lib/telemetry/store/ensure-minute-partitions";
import { createTestDatabase } from "../setup/test-database";

describe("minute partitions across databases", () => {
  it("creates the same day again in a second database", async () => {
    const day = { from: new Date("2026-10-01T10:00:00Z"), to: new Date("2026-10-01T11:00:00Z") };
    const first = await createTestDatabase();
    const second = await createTestDatabase();
    try {
      await applyMigrations({ databaseUrl: first.url });
      await applyMigrations({ databaseUrl: second.url });
      process.env.DATABASE_URL = first.url;
      expect((await ensureMinutePartitions(day)).created).toEqual(["telemetry_minute_p20261001"]);
      expect((await ensureMinutePartitions(day)).created).toEqual([]); // remembered: no query
      await closeDb();
      process.env.DATABASE_URL = second.url;
      expect((await ensureMinutePartitions(day)).created).toEqual(["telemetry_minute_p20261001"]);
    } finally {
      await closeDb();
      await first.drop();
      await second.drop();
    }
  });
});
