import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDockerfile, readRepoDockerfile } from "./dockerfile";

const { globalArgs, stages } = readRepoDockerfile();
const final = stages[stages.length - 1]!;
const all = stages.flatMap((s) => s.instructions);
const runs = all.filter((i) => i.op === "RUN").map((i) => i.args);
const finalCopies = final.instructions.filter((i) => i.op === "COPY").map((i) => i.args);

describe("Dockerfile", () => {
  it("is multi-stage, and the runtime stage starts from a pinned Node image, not the build stage", () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const imageArg = globalArgs.find((a) => a.op === "ARG" && a.args.startsWith("NODE_IMAGE="));
    expect(imageArg?.args).toMatch(/^NODE_IMAGE=node:24\.\d+\.\d+-/); // the current Node LTS
    expect(final.from).toBe("${NODE_IMAGE}");
  });

  it("runs the final stage as a numeric non-root user", () => {
    const users = final.instructions.filter((i) => i.op === "USER");
    expect(users).toHaveLength(1);
    const [user, group] = users[0]!.args.split(":");
    expect(Number(user)).toBeGreaterThan(0);
    expect(Number(group ?? user)).toBeGreaterThan(0);
    // Nothing runs as root after USER: it is the last identity change and precedes EXPOSE/CMD.
    const userIndex = final.instructions.indexOf(users[0]!);
    expect(final.instructions.slice(userIndex).some((i) => i.op === "RUN")).toBe(false);
  });

  it("copies the standalone server, static assets, public files, migrations and the migration runner", () => {
    const from = (src: string, dest: string) =>
      finalCopies.some((c) =>
        new RegExp(`^--from=\\S+ /app/${src.replace(/\./g, "\\.")} ${dest.replace(/\./g, "\\.")}$`).test(c),
      );
    expect(from(".next/standalone", "./")).toBe(true);
    expect(from(".next/static", "./.next/static")).toBe(true);
    expect(from("public", "./public")).toBe(true);
    expect(from("prisma/migrations", "./prisma/migrations")).toBe(true);
    expect(from("dist/migrate.js", "./scripts/migrate.js")).toBe(true);
    expect(final.instructions.find((i) => i.op === "CMD")?.args).toBe('["node", "server.js"]');
  });

  it("installs the locked versions once and downloads nothing else (no browsers, curl, wget, apt or remote ADD)", () => {
    expect(runs.filter((r) => /\bnpm (ci|install|i)\b/.test(r))).toHaveLength(1); // the locked install, once
    for (const run of runs) {
      expect(run).not.toMatch(/playwright install|\bcurl\b|\bwget\b|apt-get|apk add|git clone|npx\s/);
    }
    expect(all.filter((i) => i.op === "ADD")).toEqual([]);
  });

  it("builds with the generated Prisma client and bundles the migration runner for the react-server condition", () => {
    // npm ci installs exactly the lockfile (no dependency scripts), then the client is generated.
    expect(runs.some((r) => /npm ci --ignore-scripts .*&& npm run db:generate/.test(r))).toBe(true);
    const bundle = runs.find((r) => r.includes("esbuild scripts/migrate.ts"));
    expect(bundle).toContain("--conditions=react-server"); // `server-only` resolves to its empty module
    expect(bundle).toContain("--outfile=dist/migrate.js");
  });

  it("keeps local state and secrets out of the build context", () => {
    const ignored = readFileSync(".dockerignore", "utf8")
      .split("\n")
      .map((l) => l.trim());
    for (const entry of ["node_modules", ".next", ".data", ".env", ".env.*", "lib/generated", ".git"]) {
      expect(ignored).toContain(entry);
    }
  });

  it("parser: joins continuation lines and skips comments inside them", () => {
    const parsed = parseDockerfile("ARG A=1\nFROM x AS one\nRUN a \\\n  # note\n  && b\nFROM one\nUSER 1:1\n");
    expect(parsed.globalArgs).toEqual([{ op: "ARG", args: "A=1" }]);
    expect(parsed.stages.map((s) => s.name)).toEqual(["one", null]);
    expect(parsed.stages[0]!.instructions).toEqual([{ op: "RUN", args: "a && b" }]);
  });
});
