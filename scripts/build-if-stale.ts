// Runs `next build` only when the sources changed since the last build (a content hash kept in
// .next/fleet-source-hash), so a second `npm start` or benchmark run starts in seconds.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sourceHash } from "./source-hash";
import { placeStandaloneAssets } from "./standalone-server";

export function buildIfStale(root = process.cwd(), log: (m: string) => void = console.log): void {
  const marker = path.join(root, ".next", "fleet-source-hash");
  const hash = sourceHash(root);
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(marker) && readFileSync(marker, "utf8") === hash) {
    log("production build is current");
    return;
  }
  log("building (next build)…");
  const build = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error("next build failed");
  placeStandaloneAssets(root);
  writeFileSync(marker, hash);
}
