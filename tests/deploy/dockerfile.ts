// A small Dockerfile reader for the deploy tests: instructions with continuation lines joined and
// comments dropped, grouped by build stage.
import { readFileSync } from "node:fs";

export type Instruction = { op: string; args: string };
export type Stage = { from: string; name: string | null; instructions: Instruction[] };

export function parseDockerfile(text: string): { globalArgs: Instruction[]; stages: Stage[] } {
  const logical: string[] = [];
  let current = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!current && (line === "" || line.startsWith("#"))) continue;
    if (line.startsWith("#")) continue; // a comment inside a continued RUN
    current += (current ? " " : "") + line.replace(/\\$/, "").trim();
    if (!line.endsWith("\\")) {
      logical.push(current);
      current = "";
    }
  }
  const globalArgs: Instruction[] = [];
  const stages: Stage[] = [];
  for (const l of logical) {
    const [op = "", ...rest] = l.split(/\s+/);
    const ins = { op: op.toUpperCase(), args: rest.join(" ") };
    if (ins.op === "FROM") {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      stages.push({ from: m?.[1] ?? ins.args, name: m?.[2] ?? null, instructions: [] });
    } else if (stages.length === 0) globalArgs.push(ins);
    else stages[stages.length - 1]!.instructions.push(ins);
  }
  return { globalArgs, stages };
}

export function readRepoDockerfile() {
  return parseDockerfile(readFileSync("Dockerfile", "utf8"));
}
