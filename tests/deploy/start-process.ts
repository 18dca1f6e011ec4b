// Drives the real `npm start` entry (tsx scripts/start.ts) for the process-lifecycle tests: each run
// in a process group of its own, so a test can always kill everything it started.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

export type StartRun = { tsx: ChildProcess; output: () => string; exited: Promise<number | null> };

export function spawnStart(env: Record<string, string>): StartRun {
  const base = { ...process.env };
  delete base.DATABASE_URL; // the embedded PostgreSQL is what these tests are about
  delete base.OIDC_ISSUER;
  const tsx = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/start.ts"], {
    cwd: root,
    env: { ...base, ...env },
    detached: true, // its own process group: see killGroup
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  tsx.stdout!.on("data", (chunk) => (out += chunk));
  tsx.stderr!.on("data", (chunk) => (out += chunk));
  const exited = new Promise<number | null>((resolve) => tsx.once("exit", (code) => resolve(code)));
  return { tsx, output: () => out, exited };
}

/** Last resort in afterAll: SIGKILL a run's whole process group (what escaped it is checked by the tests). */
export function killGroup(run: StartRun | undefined): void {
  try {
    if (run?.tsx.pid) process.kill(-run.tsx.pid, "SIGKILL");
  } catch {}
}

export function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat[stat.lastIndexOf(")") + 2] !== "Z";
  } catch {
    return false;
  }
}

/** Live children of `pid` whose command line contains `match`. */
export function childrenOf(pid: number, match: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid && readFileSync(`/proc/${name}/cmdline`, "utf8").includes(match)) found.push(Number(name));
    } catch {} // the process ended while we looked
  }
  return found.filter(processAlive);
}

export async function waitFor<T>(
  what: string,
  probe: () => T | Promise<T>,
  timeoutMs: number,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function httpStatus(url: string): Promise<number | undefined> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(10_000) })).status;
  } catch {
    return undefined;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
