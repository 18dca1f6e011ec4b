// Keeps the embedded PostgreSQL up while `npm start` serves: when the postmaster dies (a crash, the
// OOM killer, a stray kill) it is started again on the same data directory and port, after a pause
// that doubles with every failed attempt, since a restart is refused until the dead server's
// children have exited, and a server that keeps crashing should not spin.
import { inspect } from "node:util";
import type { EmbeddedPostgresHandle } from "@/lib/db/embedded-postgres";
import type { ChildReaper } from "./child-reaper";

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

export function supervisePostgres(opts: {
  postgres: EmbeddedPostgresHandle;
  reaper: ChildReaper;
  log: (msg: string) => void;
  /** True once the start process is shutting down: then an exit is expected. */
  isStopping: () => boolean;
}): void {
  const { postgres, reaper, log } = opts;
  const watch = () => {
    const pid = postgres.pid();
    if (pid !== undefined) reaper.watch(pid, "SIGINT"); // SIGINT: PostgreSQL's fast shutdown
  };
  watch();
  postgres.onUnexpectedExit(async ({ pid, code, signal }) => {
    reaper.forget(pid);
    if (opts.isStopping()) return;
    log(`PostgreSQL (PID ${pid}) exited unexpectedly (${signal ?? `code ${code}`}); restarting it`);
    for (let attempt = 1, delayMs = FIRST_DELAY_MS; ; attempt++, delayMs = Math.min(delayMs * 2, MAX_DELAY_MS)) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (opts.isStopping()) return;
      try {
        await postgres.restart();
        watch();
        log(`PostgreSQL restarted (PID ${postgres.pid()}) after ${attempt} attempt(s)`);
        return;
      } catch (err) {
        log(`PostgreSQL restart attempt ${attempt} failed: ${err instanceof Error ? err.message : inspect(err)}`);
      }
    }
  });
}
