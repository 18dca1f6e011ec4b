// Real worker processes (scripts/run-worker.ts) for the durability tests, which kill, pause and
// resume them: each started with the test database and a short lease, and killed after the test.
// tsx runs the script in a child process of its own, so signals go to the whole process group:
// a SIGKILL or SIGSTOP sent to tsx alone would leave the worker itself running.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterEach } from "vitest";
import { getPrisma } from "@/lib/db";

export type WorkerProcess = { child: ChildProcess; signal: (signal: NodeJS.Signals) => void };

export function useWorkerProcesses(db: { url: () => string }) {
  const workers: WorkerProcess[] = [];
  afterEach(() => {
    for (const w of workers.splice(0)) w.signal("SIGKILL");
  });
  return function startWorker(env: Record<string, string>): WorkerProcess {
    const child = spawn(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/run-worker.ts"],
      {
        env: {
          ...process.env,
          DATABASE_URL: db.url(),
          WORKER_IDLE_MS: "100",
          WORKER_LEASE_SECONDS: "2",
          SIM_POD_GRACE_SECONDS: "0",
          ...env,
        },
        stdio: "ignore",
        detached: true, // its own process group, signalled as one
      },
    );
    const signal = (sig: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, sig);
      } catch {
        // already gone
      }
    };
    workers.push({ child, signal });
    return { child, signal };
  };
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const stepOf = (actionId: string, name: string) =>
  getPrisma().poolActionStep.findFirstOrThrow({ where: { actionId, name } });
export const finalState = async (actionId: string) => {
  const a = await getPrisma().poolAction.findUniqueOrThrow({ where: { id: actionId } });
  return ["succeeded", "failed", "cancelled"].includes(a.state) ? a.state : null;
};
