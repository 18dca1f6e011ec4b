// Shared by db-new-migration.ts and scripts/db-check-drift.ts: run the Prisma CLI with a
// PostgreSQL server for its shadow databases (DATABASE_URL's, or a throwaway embedded one).
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";

/** Repository root: npm scripts run from it; checked so a wrong cwd fails clearly. */
export function repoRoot(): string {
  const root = process.cwd();
  if (!existsSync(path.join(root, "prisma", "schema.prisma"))) {
    throw new Error(`run this from the repository root (no prisma/schema.prisma in ${root})`);
  }
  return root;
}

/** `--port N`, `--port=N`, then $PRISMA_CLI_PG_PORT, then the default. */
export function portOption(args: string[], fallback: number): number {
  const i = args.findIndex((a) => a === "--port" || a.startsWith("--port="));
  const arg = i < 0 ? undefined : args[i];
  const raw =
    arg === undefined ? process.env.PRISMA_CLI_PG_PORT : arg.startsWith("--port=") ? arg.slice(7) : args[i + 1];
  const port = raw ? Number(raw) : fallback;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`invalid port: ${raw}`);
  return port;
}

/**
 * Calls fn with a DATABASE_URL. The config's adapter creates (and drops) its shadow databases on
 * that server, so the role needs CREATEDB. Without DATABASE_URL, an ephemeral embedded server
 * is started on `port` and always stopped afterwards.
 */
export async function withDatabaseUrl<T>(port: number, fn: (databaseUrl: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  // A fresh path: embedded-postgres initialises only a directory that does not exist yet.
  const dataDir = path.join(os.tmpdir(), `fleet-console-prisma-${process.pid}-${Date.now()}`);
  const server = await startEmbeddedPostgres({ dataDir, port, ephemeral: true, quiet: true });
  const stopOnSignal = () => void server.stop().finally(() => process.exit(130));
  process.once("SIGINT", stopOnSignal).once("SIGTERM", stopOnSignal);
  try {
    return await fn(server.adminUrl);
  } finally {
    process.off("SIGINT", stopOnSignal).off("SIGTERM", stopOnSignal);
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs `prisma <args>`; stdout is captured (and returned) or inherited, stderr is inherited. */
export function runPrisma(
  args: string[],
  databaseUrl: string,
  opts: { captureStdout?: boolean } = {},
): Promise<{ code: number; stdout: string }> {
  const root = repoRoot();
  const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: root,
      // No update check or telemetry ping: the machine is offline.
      env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", opts.captureStdout ? "pipe" : "inherit", "inherit"],
    });
    let stdout = "";
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout }));
  });
}
