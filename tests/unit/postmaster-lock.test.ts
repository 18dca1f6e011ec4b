import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearPostmasterLock } from "@/lib/db/postmaster-lock";

// clearPostmasterLock against lock files naming dead, unrelated and stand-in "postgres" processes (a
// node process whose argv[0] reads postgres and whose arguments name the data directory, as the
// real postmaster's do). The real server is covered by tests/deploy/start-owns-children.test.ts.
let dataDir = "";
let fake: ChildProcess | undefined;
const lockFile = () => path.join(dataDir, "postmaster.pid");
const writeLock = (pid: number) => writeFileSync(lockFile(), `${pid}\n${dataDir}\n1796455162\n5432\n/tmp\nlocalhost\n`);

function startFakePostmaster(): number {
  fake = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000); console.log('ready')", "--", "-D", dataDir], {
    argv0: "postgres",
  });
  return fake.pid!;
}

/** Until its script runs, node takes a signal its own way: wait for it. (`--` keeps `-D` from node.) */
const fakeRunning = () => new Promise((resolve) => fake!.stdout!.once("data", resolve));

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "fc-lock-"));
});
afterEach(() => {
  fake?.kill("SIGKILL");
  fake = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

describe("clearPostmasterLock", () => {
  it("removes a lock whose PID is not running", async () => {
    const deadPid = spawnSync("true").pid!;
    writeLock(deadPid);
    const logs: string[] = [];
    await clearPostmasterLock(dataDir, (m) => logs.push(m));
    expect(existsSync(lockFile())).toBe(false);
    expect(logs.join()).toContain(`PID ${deadPid} is not running`);
  });

  it("removes a lock whose PID now belongs to another program", async () => {
    writeLock(process.pid);
    const logs: string[] = [];
    await clearPostmasterLock(dataDir, (m) => logs.push(m));
    expect(existsSync(lockFile())).toBe(false);
    expect(logs.join()).toContain(`PID ${process.pid} now belongs to another program`);
  });

  it("names the PID of a running server it did not start, and leaves it alone", async () => {
    const pid = startFakePostmaster();
    writeLock(pid);
    await expect(clearPostmasterLock(dataDir)).rejects.toThrow(
      `PostgreSQL (PID ${pid}) is already running on ${dataDir} (not started by this app)`,
    );
    expect(fake!.exitCode).toBeNull();
    expect(existsSync(lockFile())).toBe(true);
  });

  it("leaves a server alone while the process that started it is alive", async () => {
    const pid = startFakePostmaster(); // our child: its parent, the recorded owner, is alive
    writeLock(pid);
    writeFileSync(path.join(dataDir, "postmaster.owner"), `${process.pid}\n`);
    await expect(clearPostmasterLock(dataDir)).rejects.toThrow(`started by PID ${process.pid}, still running`);
    expect(fake!.exitCode).toBeNull();
  });

  it("stops a server whose recorded starter is no longer its parent (an orphan)", async () => {
    const pid = startFakePostmaster();
    await fakeRunning();
    writeLock(pid);
    const exited = new Promise((resolve) => fake!.once("exit", (_code, signal) => resolve(signal)));
    writeFileSync(path.join(dataDir, "postmaster.owner"), `${spawnSync("true").pid}\n`);
    const logs: string[] = [];
    await clearPostmasterLock(dataDir, (m) => logs.push(m));
    expect(await exited).toBe("SIGINT");
    expect(logs.join()).toContain(`stopping orphaned PostgreSQL (PID ${pid})`);
  });
});
