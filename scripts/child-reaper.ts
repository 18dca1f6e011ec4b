// Ties the children of `npm start` to its life: a watchdog process (child-reaper-process.mjs) holds
// an IPC channel from the start process and stops every registered child when that channel closes,
// which the kernel does however the start process ends, kill -9 included. A watchdog rather than a
// check inside each child, because PostgreSQL is not ours to change.
import { fork } from "node:child_process";
import path from "node:path";

export type ChildReaper = {
  /** Stop `pid` with `signal` (its graceful stop) if the start process dies first. */
  watch(pid: number, signal: NodeJS.Signals): void;
  /** The child exited or was stopped: never signal its PID, which the kernel may reuse. */
  forget(pid: number): void;
};

export function startChildReaper(log: (msg: string) => void): ChildReaper {
  const reaper = fork(path.join(__dirname, "child-reaper-process.mjs"), [], {
    execArgv: [], // plain node: not the TypeScript loader the start process runs under
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  // The watchdog must not keep the start process alive, nor take it down if it dies itself.
  reaper.unref();
  reaper.channel?.unref();
  reaper.on("error", (err) => log(`child reaper: ${err.message}`));
  reaper.on("exit", (code, signal) =>
    log(`child reaper exited (${signal ?? `code ${code}`}); children will not be stopped if this process is killed`),
  );
  const send = (msg: object) => {
    if (reaper.connected) reaper.send(msg, (err) => err && log(`child reaper: ${err.message}`));
  };
  return {
    watch: (pid, signal) => send({ watch: pid, signal }),
    forget: (pid) => send({ forget: pid }),
  };
}
