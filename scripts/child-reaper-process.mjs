// The watchdog of `npm start` (scripts/child-reaper.ts starts it). Node cannot ask Linux to kill a
// child when its parent dies (PR_SET_PDEATHSIG), but the IPC channel to this process closes when
// the start process dies in any way, kill -9 included. Then this process stops the children the
// start process registered (the standalone server, PostgreSQL) and exits. Plain JavaScript so that
// node runs it in milliseconds, without the TypeScript loader.
import { readFileSync } from "node:fs";

const children = new Map(); // pid -> the signal that stops it gracefully
const GRACE_MS = 15_000;

process.on("message", (msg) => {
  if (msg && Number.isInteger(msg.watch)) children.set(msg.watch, msg.signal || "SIGTERM");
  if (msg && Number.isInteger(msg.forget)) children.delete(msg.forget);
});

// A Ctrl-C or a closed terminal signals the whole process group: outlive it, so that whatever the
// start process did not stop itself is still stopped here.
process.on("SIGINT", () => {});
process.on("SIGHUP", () => {});

/** Exited, or a zombie that nobody reaps (an orphan we signalled): gone either way. */
function gone(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat[stat.lastIndexOf(")") + 2] === "Z";
  } catch {
    return true;
  }
}

process.on("disconnect", () => {
  for (const [pid, signal] of children) {
    try {
      process.kill(pid, signal);
    } catch {
      children.delete(pid);
    }
  }
  const deadline = Date.now() + GRACE_MS;
  const timer = setInterval(() => {
    const left = [...children.keys()].filter((pid) => !gone(pid));
    if (left.length && Date.now() < deadline) return;
    for (const pid of left) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {}
    }
    clearInterval(timer);
    process.exit(0);
  }, 100);
});
