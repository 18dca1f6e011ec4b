// scripts/check-lockfile.sh (the first step of `npm test`) against a copy of the real lockfile:
// it passes as committed and fails, with its one-line reason, once a single entry is removed.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const dirs: string[] = [];

function copyOfProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "lockfile-check-"));
  dirs.push(dir);
  for (const f of ["package.json", "package-lock.json"]) copyFileSync(path.join(root, f), path.join(dir, f));
  return dir;
}

function runCheck(dir: string) {
  const r = spawnSync("bash", [path.join(root, "scripts/check-lockfile.sh"), dir], {
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}`.trim() };
}

afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("lockfile drift check", () => {
  it("passes on the committed lockfile", () => {
    const r = runCheck(copyOfProject());
    expect(r.out).toBe("lockfile check: package-lock.json matches package.json");
    expect(r.status).toBe(0);
  });

  it("fails with a one-line explanation when one entry is removed", () => {
    const dir = copyOfProject();
    const lock = JSON.parse(readFileSync(path.join(dir, "package-lock.json"), "utf8"));
    const removed = "node_modules/@next/swc-darwin-arm64";
    expect(lock.packages[removed]).toBeDefined();
    delete lock.packages[removed];
    writeFileSync(path.join(dir, "package-lock.json"), `${JSON.stringify(lock, null, 2)}\n`);
    const r = runCheck(dir);
    expect(r.status).toBe(1);
    expect(r.out.split("\n")).toHaveLength(1);
    expect(r.out).toMatch(
      /^lockfile check: package-lock\.json disagrees with package\.json \(\d+ lines differ\); run `npm install --package-lock-only`/,
    );
  });
});
