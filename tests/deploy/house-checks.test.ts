// Two house rules `npm test` enforces, each shown to fail: only lib/config.ts reads the environment
// (scripts/check-env-reads.sh) and the code is formatted with the repository's Prettier settings.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const dirs: string[] = [];

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "house-checks-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const run = (cmd: string, args: string[], cwd = root) => {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}`.trim() };
};
const envCheck = (dir: string) => run("bash", [path.join(root, "scripts/check-env-reads.sh"), dir]);

afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("env check", () => {
  it("passes on this repository", () => {
    expect(envCheck(root)).toEqual({ status: 0, out: "env check: only lib/config.ts reads process.env" });
  });

  it("allows lib/config.ts and Next's build-time NEXT_RUNTIME test", () => {
    const dir = tree({
      "lib/config.ts": "export const port = process.env.PORT;\n",
      "instrumentation.ts": 'export const node = process.env.NEXT_RUNTIME === "nodejs";\n',
    });
    expect(envCheck(dir).status).toBe(0);
  });

  it("names every other file that reads process.env, in either spelling", () => {
    const dir = tree({
      "lib/config.ts": "export const port = process.env.PORT;\n",
      "lib/db/pool.ts": "export const size = Number(process.env.POOL_SIZE ?? 10);\n",
      "app/api/x/route.ts": 'export const token = process["env"].TOKEN;\n',
      "components/ok.tsx": "export const ok = 1;\n",
    });
    const r = envCheck(dir);
    expect(r.status).toBe(1);
    expect(r.out).toBe(
      "env check: only lib/config.ts may read process.env; parse the setting there and import it. Found in: app/api/x/route.ts lib/db/pool.ts",
    );
  });
});

describe("formatting", () => {
  const prettier = path.join(root, "node_modules/.bin/prettier");
  const withConfig = (files: Record<string, string>) => {
    const dir = tree(files);
    copyFileSync(path.join(root, ".prettierrc.json"), path.join(dir, ".prettierrc.json"));
    return dir;
  };

  it("accepts code in the house style (120 columns, double quotes, semicolons)", () => {
    const dir = withConfig({ "ok.ts": "export const greeting = (name: string): string => `hello ${name}`;\n" });
    expect(run(prettier, ["--check", "."], dir).status).toBe(0);
  });

  it("fails on a file that is not formatted, and names it", () => {
    const dir = withConfig({ "bad.ts": "export const  greeting=(name:string)=>'hello '+name\n" });
    const r = run(prettier, ["--check", "."], dir);
    expect(r.status).toBe(1);
    expect(r.out).toContain("bad.ts");
  });
});
