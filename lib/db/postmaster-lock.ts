// Makes a data directory's postmaster.pid safe to start on. PostgreSQL refuses to start while the
// PID in that file belongs to a live process of its user (an orphaned server of ours, or an
// unrelated process that reused the PID of a dead one). We stop our own orphans, remove a lock that
// no server of this directory holds, and name the PID of a server that is not ours to stop.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Written beside postmaster.pid: the PID of the process that started the server (its parent). */
const OWNER_FILE = "postmaster.owner";

type ProcInfo = { ppid: number; argv: string[] };

/** A live (not zombie) process's parent and argv from /proc; undefined when it is gone. */
function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may itself contain spaces.
    const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (state === "Z" || state === "X") return undefined;
    const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    return { ppid: Number(ppid), argv };
  } catch {
    return undefined;
  }
}

const isPostmasterOf = (info: ProcInfo | undefined, dataDir: string): info is ProcInfo =>
  !!info && path.basename(info.argv[0] ?? "") === "postgres" && info.argv.includes(dataDir);

/**
 * Whether a process still uses the server's System V shared memory segment (its id is on line 7
 * of postmaster.pid). PostgreSQL makes the same check before it replaces a stale lock: children of
 * a killed postmaster may still be running, and a new server must not start beside them.
 */
function sharedMemoryInUse(lockLines: string[]): boolean {
  const shmid = lockLines[6]?.trim().split(/\s+/)[1];
  if (!shmid || !existsSync("/proc/sysvipc/shm")) return false;
  for (const row of readFileSync("/proc/sysvipc/shm", "utf8").split("\n").slice(1)) {
    const cols = row.trim().split(/\s+/);
    if (cols[1] === shmid) return Number(cols[6]) > 0;
  }
  return false;
}

export function recordPostmasterOwner(dataDir: string, ownerPid = process.pid): void {
  writeFileSync(path.join(dataDir, OWNER_FILE), `${ownerPid}\n`);
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

const waitUntilGone = (pid: number, timeoutMs: number) => waitUntil(() => !readProc(pid), timeoutMs);

/**
 * Call before starting a server on `dataDir`. Resolves when the directory is free; throws an Error
 * naming the PID when another live server holds it.
 */
export async function clearPostmasterLock(dataDir: string, log: (msg: string) => void = () => {}): Promise<void> {
  const lockFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(lockFile)) return;
  const lines = readFileSync(lockFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const info = Number.isInteger(pid) && pid > 0 ? readProc(pid) : undefined;

  if (isPostmasterOf(info, dataDir)) {
    const ownerFile = path.join(dataDir, OWNER_FILE);
    const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, "utf8")) : undefined;
    // While its starter lives the server is that process's child; once the starter dies the kernel
    // re-parents it, so a parent other than the recorded one means the starter is gone.
    if (owner === undefined || info.ppid === owner) {
      const by = owner === undefined ? "not started by this app" : `started by PID ${owner}, still running`;
      throw new Error(
        `PostgreSQL (PID ${pid}) is already running on ${dataDir} (${by}); stop it or use another data directory`,
      );
    }
    log(`stopping orphaned PostgreSQL (PID ${pid}) left by a start process (PID ${owner}) that is gone`);
    process.kill(pid, "SIGINT"); // fast shutdown: roll back open transactions, checkpoint, exit
    if (!(await waitUntilGone(pid, 60_000)))
      throw new Error(`orphaned PostgreSQL (PID ${pid}) did not stop within 60 s`);
    return; // a clean shutdown removes postmaster.pid itself
  }
  // Backends of a killed postmaster notice its death and exit by themselves, usually within a
  // second but later on a loaded machine: wait for them rather than fail a restart right away.
  if (!(await waitUntil(() => !sharedMemoryInUse(lines), 30_000))) {
    throw new Error(
      `PostgreSQL processes still use ${dataDir} (lock file PID ${pid}), still after 30 s: a running server must be stopped first`,
    );
  }
  log(`removing stale ${lockFile} (PID ${pid} ${info ? "now belongs to another program" : "is not running"})`);
  rmSync(lockFile, { force: true });
}
