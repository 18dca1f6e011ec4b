// Gives the calling test file a fresh, migrated database on the test server and points the app's
// DATABASE_URL at it. Refuses anything but a local server: tests drop databases.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { closeDb } from "@/lib/db";
import { insertTestSessions } from "./auth";

export function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host))
    throw new Error(`refusing to run tests against non-local database host ${host}`);
}

export async function createTestDatabase(prefix = "fc_test"): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject("pgAdminUrl");
  assertLocal(adminUrl);
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** beforeAll: new migrated database (with the demo users' test sessions) as DATABASE_URL; afterAll: close the app's pool and drop it. */
export function useTestDatabase(): { url: () => string } {
  let db: { url: string; drop: () => Promise<void> } | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    await applyMigrations({ databaseUrl: db.url });
    await insertTestSessions(db.url);
    process.env.DATABASE_URL = db.url;
  });
  // Some tests sign out or revoke (the authorization matrix calls sign-out as every role): each
  // test starts with every demo user's session live again.
  beforeEach(async () => {
    await insertTestSessions(db!.url);
  });
  afterAll(async () => {
    await closeDb();
    await db?.drop();
  });
  return { url: () => db!.url };
}
