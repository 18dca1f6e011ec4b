import "server-only";
import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument } from "yaml";
import { yamlErrorProblem, zodIssuesProblems, type FleetConfigProblem } from "./fleet-config-issues";
import { ZFleetConfig, type TFleetConfig } from "./fleet-config-schema";

export type { FleetConfigProblem } from "./fleet-config-issues";

/** A config file larger than this is not a fleet config file (the example is a few kB). */
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Everything wrong with a fleet config file, at once: one line per problem,
 * `<file>:<line>:<col>: <field>: <message>`, in file order. An operator's error, not a request's:
 * it is not an AppError, so a route that meets it answers 500 and logs it.
 */
export class FleetConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: FleetConfigProblem[],
    reason?: string,
  ) {
    super(
      reason ??
        [
          `fleet config ${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`,
          ...problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.field}: ${p.message}`),
        ].join("\n"),
    );
    this.name = "FleetConfigError";
  }
}

/** Parses and checks the text of a fleet config file; `fileName` is only used in messages. */
export function parseFleetConfigText(opts: { text: string; fileName: string }): TFleetConfig {
  const { text, fileName } = opts;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    // YAML 1.2 core: 2024-01-01 stays a string (the schema parses dates), `no` is not false.
    schema: "core",
    version: "1.2",
  });
  const where = { fileName, doc, lineCounter, schema: ZFleetConfig };
  // Every duplicate key, but only the first syntax error: the parser's later ones mostly follow from it.
  const [firstSyntax] = [...doc.errors, ...doc.warnings].filter((e) => e.code !== "DUPLICATE_KEY");
  const yamlErrors = [...doc.errors.filter((e) => e.code === "DUPLICATE_KEY"), ...(firstSyntax ? [firstSyntax] : [])];
  if (yamlErrors.length > 0) {
    throw new FleetConfigError(fileName, sorted(yamlErrors.map((e) => yamlErrorProblem(where, e))));
  }
  if (doc.contents === null) {
    throw new FleetConfigError(fileName, [
      { file: fileName, line: 1, col: 1, field: "(root)", message: "the file is empty" },
    ]);
  }
  const parsed = ZFleetConfig.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (!parsed.success) {
    throw new FleetConfigError(fileName, sorted(zodIssuesProblems(where, parsed.error.issues)));
  }
  return parsed.data;
}

/** Reads and checks the fleet config file at `path` (FLEET_CONFIG_FILE). Throws FleetConfigError. */
export async function loadFleetConfig(opts: { path: string }): Promise<TFleetConfig> {
  let bytes: Buffer;
  try {
    bytes = await readFile(opts.path);
  } catch (e) {
    throw new FleetConfigError(opts.path, [], `fleet config ${opts.path}: cannot read it (${(e as Error).message})`);
  }
  if (bytes.length > MAX_FILE_BYTES) {
    throw new FleetConfigError(opts.path, [], `fleet config ${opts.path}: larger than ${MAX_FILE_BYTES} bytes`);
  }
  return parseFleetConfigText({ text: bytes.toString("utf8"), fileName: opts.path });
}

const sorted = (problems: FleetConfigProblem[]) => [...problems].sort((a, b) => a.line - b.line || a.col - b.col);
