import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  childrenOf,
  freePort,
  httpStatus,
  killGroup,
  processAlive,
  spawnStart,
  waitFor,
  type StartRun,
} from "./start-process";

// The real scripts/start.ts, run after run on one private data directory and ports: each test
// leaves the directory in the state the next one starts from, as a person restarting would.
// Waits are generous (a loaded 2-core machine); nothing asserts how fast anything happens.
const SERVE_MS = 240_000;
const EXIT_MS = 60_000;
const root = path.resolve(__dirname, "../..");

let dataDir = "";
let env: Record<string, string> = {};
const runs: StartRun[] = [];
type Serving = { run: StartRun; startPid: number; serverPid: number; reaperPid: number; postmasterPid: number };
let current: Serving | undefined;

const pgDir = () => path.join(dataDir, "postgres");
/** The PID in postmaster.pid; 0 while there is none (between a server's exit and the next start). */
const postmasterPid = () => {
  try {
    return Number(readFileSync(path.join(pgDir(), "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return 0;
  }
};
const live = () => httpStatus(`http://127.0.0.1:${env.PORT}/api/health/live`);

const childOf = (pid: number, match: string): number | undefined => childrenOf(pid, match)[0];

/** Starts a run and waits until it serves; returns the PIDs of its processes. */
async function startAndServe(): Promise<Serving> {
  const run = spawnStart(env);
  runs.push(run);
  const failed = run.exited.then((code) => {
    throw new Error(`start exited (code ${code}) before serving:\n${run.output()}`);
  });
  const serving = waitFor(
    "the start to serve",
    () => (run.output().includes("[start] serving") ? childOf(run.tsx.pid!, "scripts/start.ts") : undefined),
    SERVE_MS,
  );
  const startPid = await Promise.race([serving, failed]);
  // The standalone server renames its process to next-server.
  const serverPid = await waitFor("the server process", () => childOf(startPid, "next-server"), SERVE_MS);
  const reaperPid = (await waitFor("the watchdog", () => childOf(startPid, "child-reaper-process"), SERVE_MS))!;
  await Promise.race([waitFor("GET /api/health/live 200", async () => (await live()) === 200, SERVE_MS), failed]);
  current = { run, startPid, serverPid, reaperPid, postmasterPid: postmasterPid() };
  return current;
}

beforeAll(async () => {
  // Minutes when the sources changed (start.ts would do the same); then the starts take seconds.
  const build = spawnSync(
    path.join(root, "node_modules/.bin/tsx"),
    ["-e", 'require("./scripts/build-if-stale").buildIfStale()'],
    { cwd: root, stdio: "inherit" },
  );
  if (build.status !== 0) throw new Error("the production build failed");
  dataDir = mkdtempSync(path.join(os.tmpdir(), "fc-start-"));
  chmodSync(dataDir, 0o755); // mkdtemp's 0700 would lock out the postgres user the server runs as
  env = {
    PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
    FLEET_DATA_DIR: dataDir,
    TELEMETRY_BACKFILL_DAYS: "1",
  };
}, 20 * 60_000);

afterAll(async () => {
  const last = current?.run;
  if (last && last.tsx.exitCode === null) {
    last.tsx.kill("SIGTERM");
    await Promise.race([last.exited, new Promise((r) => setTimeout(r, EXIT_MS))]);
  }
  for (const run of runs) killGroup(run);
  rmSync(dataDir, { recursive: true, force: true });
}, 2 * EXIT_MS);

describe("npm start owns its children", { timeout: 2 * SERVE_MS }, () => {
  it("restarts a PostgreSQL killed while serving", async () => {
    const first = await startAndServe();
    process.kill(first.postmasterPid, "SIGKILL");
    await waitFor(
      "a new postmaster",
      () => processAlive(postmasterPid()) && postmasterPid() !== first.postmasterPid,
      SERVE_MS,
    );
    await waitFor(
      "GET /api/health 200",
      async () => (await httpStatus(`http://127.0.0.1:${env.PORT}/api/health`)) === 200,
      SERVE_MS,
    );
    expect(first.run.output()).toContain(`PostgreSQL (PID ${first.postmasterPid}) exited unexpectedly (SIGKILL)`);
    expect(first.run.output()).toMatch(/PostgreSQL restarted \(PID \d+\)/);
  });

  it("after kill -9 of the start process, its server and PostgreSQL stop and the next start serves", async () => {
    const before = { ...current!, postmasterPid: postmasterPid() }; // restarted by the test above
    process.kill(before.startPid, "SIGKILL");
    await waitFor(
      "the killed run's server and PostgreSQL to stop",
      () => !processAlive(before.serverPid) && !processAlive(before.postmasterPid),
      EXIT_MS,
    );
    const next = await startAndServe();
    expect(next.postmasterPid).not.toBe(before.postmasterPid);
    expect([before.serverPid, before.postmasterPid, before.reaperPid].filter(processAlive)).toEqual([]);
  });

  it("stops an orphaned PostgreSQL whose start process and watchdog were both killed", async () => {
    const before = current!;
    process.kill(before.reaperPid, "SIGKILL");
    process.kill(before.startPid, "SIGKILL");
    process.kill(before.serverPid, "SIGTERM"); // an orphaned server would hold the port; PostgreSQL stays
    await waitFor("the orphaned server to stop", () => !processAlive(before.serverPid), EXIT_MS);
    expect(processAlive(before.postmasterPid)).toBe(true);
    const next = await startAndServe();
    expect(next.run.output()).toContain(`stopping orphaned PostgreSQL (PID ${before.postmasterPid})`);
    expect(processAlive(before.postmasterPid)).toBe(false);
  });

  it("recovers a stale postmaster.pid whose PID is not running", async () => {
    const lock = readFileSync(path.join(pgDir(), "postmaster.pid"), "utf8").split("\n");
    current!.run.tsx.kill("SIGTERM");
    expect(await current!.run.exited).toBe(143); // Next's server exits 128 + SIGTERM; start passes it on
    expect([current!.serverPid, current!.postmasterPid].filter(processAlive)).toEqual([]);
    const deadPid = spawnSync("true").pid; // exited and reaped: a PID nothing runs under
    writeFileSync(path.join(pgDir(), "postmaster.pid"), [String(deadPid), ...lock.slice(1)].join("\n"));
    const next = await startAndServe();
    expect(next.run.output()).toContain(`(PID ${deadPid} is not running)`);
  });

  it("prints the cause when PostgreSQL's data directory is held by a running server", async () => {
    const held = postmasterPid();
    const second = spawnStart({ ...env, PORT: String(await freePort()) });
    runs.push(second);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`PostgreSQL (PID ${held}) is already running on ${pgDir()}`);
    expect(second.output()).not.toContain("undefined");
  });
});
