// Finds every route handler and server action in the tree, from the file system, so a new one
// cannot slip past the authorization matrix.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

function walk(dir: string, keep: (file: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === "node_modules" || entry.name.startsWith(".") || entry.name === "generated"
        ? []
        : walk(full, keep);
    return keep(full) ? [full] : [];
  });
}

/** "app/(dashboard)/api/pools/[poolId]/route.ts" → "/api/pools/[poolId]": route groups and slots do not appear in URLs. */
export function routeKey(file: string): string {
  const rel = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep);
  return (
    "/" + rel.filter((seg) => seg && !(seg.startsWith("(") && seg.endsWith(")")) && !seg.startsWith("@")).join("/")
  );
}

export function discoverRouteFiles(): Array<{ key: string; file: string }> {
  return walk(path.join(ROOT, "app"), (f) => /[/\\]route\.(ts|tsx|js|mjs)$/.test(f)).map((file) => ({
    key: routeKey(file),
    file,
  }));
}

export function discoverPageFiles(): Array<{ key: string; file: string }> {
  return walk(path.join(ROOT, "app"), (f) => /[/\\]page\.(ts|tsx|js|jsx)$/.test(f)).map((file) => ({
    key: routeKey(file),
    file,
  }));
}

/** A module-level "use server" directive, or one inside a function body (an inline server action). */
export function hasUseServer(source: string): boolean {
  return (
    /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(source) ||
    /\{\s*["']use server["'];?/.test(source)
  );
}

export function discoverServerActionFiles(): string[] {
  return ["app", "lib", "components"]
    .flatMap((dir) => walk(path.join(ROOT, dir), (f) => /\.(ts|tsx)$/.test(f)))
    .filter((f) => hasUseServer(readFileSync(f, "utf8")))
    .map((f) => path.relative(ROOT, f));
}

/** The params a handler receives for a route key, from sample values per dynamic segment name. */
export function routeParams(
  key: string,
  samples: Record<string, string | string[]>,
): { path: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const segments = key.split("/").map((seg) => {
    // [id], [...slug] and [[...slug]]
    const m = /^\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}$/.exec(seg);
    if (!m) return seg;
    const name = m[1]!;
    if (!(name in samples)) throw new Error(`route ${key}: no sample value for [${name}]; add one to the matrix test`);
    params[name] = samples[name]!;
    return [samples[name]!].flat().map(encodeURIComponent).join("/");
  });
  return { path: segments.join("/"), params };
}
