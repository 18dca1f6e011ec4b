// One real PostgreSQL server for the whole unit/integration run; each test file creates (and
// drops) a database of its own on it (tests/setup/test-database.ts).
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide("pgAdminUrl", external);
    return;
  }
  const port = Number(process.env.TEST_PG_PORT ?? 55433);
  const server = await startEmbeddedPostgres({ dataDir: `.data/test-postgres-${port}`, port, ephemeral: true, quiet: true });
  project.provide("pgAdminUrl", server.adminUrl);
  return async () => {
    await server.stop();
  };
}
