import { z } from "zod";

// AWS Data Exports writes a Manifest.json with each delivery, under
// <export root>/metadata/BILLING_PERIOD=YYYY-MM/…Manifest.json, whose dataFiles are the full S3 URIs of
// exactly the files of that delivery: the files to ingest (AWS recommends reading this list). A
// restated period's earlier files may still sit beside them; they are not in the current manifest.
// Only the fields read here are checked; AWS's other fields (exportArn, columns, …) are ignored.

export const ZDataExportsManifest = z.object({
  executionId: z.string().min(1).max(256),
  dataFiles: z.array(z.string().regex(/^s3:\/\/[^/]+\/.+/, "not an s3://bucket/key URI")).max(100_000),
});
export type TDataExportsManifest = z.infer<typeof ZDataExportsManifest>;

const MANIFEST_KEY = /\/metadata\/BILLING_PERIOD=(\d{4}-\d{2})\/(?:.*\/)?[^/]*Manifest\.json$/;

/** The billing period a manifest key is for, or null when the key is not a manifest. */
export function manifestPeriodOfKey(key: string): string | null {
  return MANIFEST_KEY.exec(key)?.[1] ?? null;
}

/** A manifest's bytes → its parsed fields, or the first problem with the manifest's key. */
export function parseManifest(
  key: string,
  bytes: Uint8Array,
): { ok: true; manifest: TDataExportsManifest } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (err) {
    return { ok: false, error: `${key}: not JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  const parsed = ZDataExportsManifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `${key}: ${issue.path.join(".") || "manifest"}: ${issue.message}` };
  }
  return { ok: true, manifest: parsed.data };
}
