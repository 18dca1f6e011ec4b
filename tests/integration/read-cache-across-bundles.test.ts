// In `next start` the ingest job (instrumentation.ts) and the pages run in separate bundles, each
// with its own copy of the modules. A write in one copy must clear the caches the other reads.
import { describe, expect, it, vi } from "vitest";
import { getPool } from "@/lib/db";
import { useTestDatabase } from "../setup/test-database";

useTestDatabase();

describe("read caches across module copies", () => {
  it("a write's invalidation in one copy reaches the data end cached by another", async () => {
    vi.resetModules();
    const pages = await import("@/lib/telemetry/get-data-end");
    vi.resetModules();
    const ingest = await import("@/lib/telemetry/sql/query-telemetry-sums");
    expect((await pages.getDataEnd()).lagSeconds).toBeNull(); // nothing stored yet; now cached for a second
    const latest = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    await getPool().query(`INSERT INTO "TelemetrySourceState" (source, "latestMinute") VALUES ('simulated', $1)`, [
      latest,
    ]);
    expect((await pages.getDataEnd()).lagSeconds).toBeNull(); // the cached answer
    ingest.invalidateTelemetryReads();
    expect((await pages.getDataEnd()).lagSeconds).not.toBeNull();
  });
});
