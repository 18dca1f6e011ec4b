// Serves the production build the way Next supports for `output: "standalone"` (next.config.js):
// `node .next/standalone/server.js`, with the static assets (and public/, if any) placed beside it,
// since the standalone folder holds only the server and its traced dependencies.
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";

/** Copies `.next/static` and `public/` into the standalone folder (after every build). */
export function placeStandaloneAssets(root = process.cwd()): void {
  const standalone = path.join(root, ".next", "standalone");
  const copies: Array<[from: string, to: string]> = [
    [path.join(root, ".next", "static"), path.join(standalone, ".next", "static")],
    [path.join(root, "public"), path.join(standalone, "public")],
  ];
  for (const [from, to] of copies) {
    rmSync(to, { recursive: true, force: true });
    if (existsSync(from)) cpSync(from, to, { recursive: true });
  }
}

export function spawnStandaloneServer(opts: {
  port: number;
  env?: Record<string, string>;
  stdio?: StdioOptions;
  root?: string;
}): ChildProcess {
  const root = opts.root ?? process.cwd();
  return spawn(process.execPath, [path.join(root, ".next", "standalone", "server.js")], {
    stdio: opts.stdio ?? "inherit",
    env: { ...process.env, ...opts.env, PORT: String(opts.port), HOSTNAME: "0.0.0.0", NEXT_TELEMETRY_DISABLED: "1" },
  });
}
