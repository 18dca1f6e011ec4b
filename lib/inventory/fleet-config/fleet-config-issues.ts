import "server-only";
import type { Document, LineCounter } from "yaml";
import type { z } from "zod";
import { formatFieldPath } from "./field-path";
import { fieldPathAtOffset, locateYamlPath } from "./locate-yaml-path";

// Turns what the YAML parser and zod report into problems that name file, line, column and field.

export type FleetConfigProblem = { file: string; line: number; col: number; field: string; message: string };
type Where = { fileName: string; doc: Document; lineCounter: LineCounter; schema: z.ZodType };

export function yamlErrorProblem(
  where: Where,
  error: { code: string; message: string; pos: [number, number] },
): FleetConfigProblem {
  const { line, col } = where.lineCounter.linePos(error.pos[0]);
  const path = fieldPathAtOffset(where.doc, error.pos[0]);
  const message =
    error.code === "DUPLICATE_KEY"
      ? `duplicate key ${JSON.stringify(String(path.at(-1)))} (YAML keys must be unique)`
      : `YAML syntax: ${error.message}`;
  return { file: where.fileName, line, col, field: formatFieldPath(path), message };
}

/**
 * One problem per issue (one per key for unknown keys), except that a required field reported
 * missing is left out when an unknown key beside it is that field misspelt: the hint says it all.
 */
export function zodIssuesProblems(where: Where, reported: z.core.$ZodIssue[]): FleetConfigProblem[] {
  const issues = reported.flatMap(writtenBranchIssues);
  const misspelt = new Set(
    issues.flatMap((issue) =>
      issue.code === "unrecognized_keys"
        ? issue.keys.flatMap((key) => {
            const guess = closestKey(key, knownKeysAt(where.schema, issue.path));
            return guess ? [formatFieldPath([...issue.path, guess])] : [];
          })
        : [],
    ),
  );
  const missing = (issue: z.core.$ZodIssue) => issue.code === "invalid_type" || issue.code === "invalid_union";
  return issues
    .filter((issue) => !(missing(issue) && misspelt.has(formatFieldPath(issue.path))))
    .flatMap((issue) => zodIssueProblems(where, issue));
}

/** A union of a string and an object: the issues of the branch the value was written as. */
function writtenBranchIssues(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== "invalid_union") return [issue];
  const written = issue.errors.filter(
    (branch) => !branch.every((i) => i.code === "invalid_type" && i.path.length === 0),
  );
  if (written.length !== 1) return [issue];
  return written[0]!.flatMap((i) => writtenBranchIssues({ ...i, path: [...issue.path, ...i.path] }));
}

function zodIssueProblems(where: Where, issue: z.core.$ZodIssue): FleetConfigProblem[] {
  const at = (path: readonly PropertyKey[], message: string, point?: "key"): FleetConfigProblem => {
    const { line, col } = locateYamlPath({ doc: where.doc, lineCounter: where.lineCounter, path, at: point });
    return { file: where.fileName, line, col, field: formatFieldPath(path), message };
  };
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeysAt(where.schema, issue.path);
      return issue.keys.map((key) =>
        at([...issue.path, key], `unknown key ${JSON.stringify(key)}${hint(key, known)}`, "key"),
      );
    }
    case "invalid_type":
    case "invalid_union": {
      const located = locateYamlPath({ doc: where.doc, lineCounter: where.lineCounter, path: issue.path });
      if (!located.found && issue.path.length > 0) {
        return [at(issue.path, `required field ${JSON.stringify(String(issue.path.at(-1)))} is missing`)];
      }
      return [at(issue.path, issue.message)];
    }
    case "invalid_key":
      // A record's key (a plan year): zod's own message is "Invalid key in record"; the key's check says why.
      return [at(issue.path, issue.issues[0]?.message ?? issue.message, "key")];
    case "custom":
      return [at(issue.path, issue.message, issue.params?.at === "key" ? "key" : undefined)];
    default:
      return [at(issue.path, issue.message)];
  }
}

type Def = {
  type: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  valueType?: z.core.$ZodType;
  options?: z.core.$ZodType[];
};
const defOf = (s: z.core.$ZodType) => s._zod.def as unknown as Def;

/** Through defaults, optionals and transforms to the schema that checks the value's shape. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let s = schema;
  for (let d = defOf(s); d.innerType || (d.type === "pipe" && d.in); d = defOf(s)) s = d.innerType ?? d.in!;
  return s;
}

/** A schema's possible shapes: unwrapped, with each branch of a union. */
const shapesOf = (schema: z.core.$ZodType): z.core.$ZodType[] => {
  const s = unwrap(schema);
  const d = defOf(s);
  return d.type === "union" ? (d.options ?? []).flatMap(shapesOf) : [s];
};

/** The keys the strict object at `path` accepts, for a hint under an unknown key. */
function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let candidates = shapesOf(schema);
  for (const segment of path) {
    candidates = candidates.flatMap((s) => {
      const d = defOf(s);
      const next = { object: d.shape?.[String(segment)], array: d.element, record: d.valueType }[d.type];
      return next ? shapesOf(next) : [];
    });
  }
  return candidates.flatMap((s) => Object.keys(defOf(s).shape ?? {}));
}

/** The accepted key a misspelt one most likely meant, if one is close. */
function closestKey(key: string, known: string[]): string | null {
  const best = known
    .map((k) => ({ k, d: editDistance(key.toLowerCase(), k.toLowerCase()) }))
    .sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(2, Math.floor(best.k.length / 3)) ? best.k : null;
}

function hint(key: string, known: string[]): string {
  if (known.length === 0) return "";
  const guess = closestKey(key, known);
  return guess ? ` (did you mean ${JSON.stringify(guess)}?)` : ` (expected one of ${known.join(", ")})`;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
