import "server-only";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { getBillingS3Client } from "./billing-s3-client";
import { manifestPeriodOfKey, parseManifest } from "./export-manifest";
import { type BillingExportSource, billingPeriodOfKey, type ExportFileRef, type ExportListing } from "./types";

// AWS Data Exports writes a FOCUS export under s3://<bucket>/<prefix>/<export-name>/data/
// BILLING_PERIOD=YYYY-MM/…; `exportUri` names the export's root (s3://bucket/prefix/export-name).
// Each delivery also writes a Manifest.json under …/metadata/BILLING_PERIOD=YYYY-MM/ naming its data
// files: where a period has one, exactly those files are ingested (export-manifest.ts).

const DATA_FILE = /\.(csv|csv\.gz|parquet)$/;

export function parseS3Uri(uri: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(uri);
  if (!m) throw new Error(`not an s3://bucket/prefix URI: ${uri}`);
  return { bucket: m[1]!, prefix: (m[2] ?? "").replace(/\/+$/, "") };
}

export function createS3BillingExportSource(args: {
  exportUri: string;
  region: string;
  forcePathStyle: boolean;
}): BillingExportSource {
  const { bucket, prefix } = parseS3Uri(args.exportUri);
  const root = prefix ? `${prefix}/` : "";
  const client = () => getBillingS3Client({ region: args.region, forcePathStyle: args.forcePathStyle });
  const read = async (key: string) => {
    const out = await client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!out.Body) throw new Error(`s3://${bucket}/${key}: empty response body`);
    return out.Body.transformToByteArray();
  };
  return {
    name: "s3",
    async listFiles() {
      // One listing of the export's root: data files and manifests.
      const data: ExportFileRef[] = [];
      const manifests = new Map<string, { key: string; modified: number }>();
      let token: string | undefined;
      do {
        const page = await client().send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: root, ContinuationToken: token }),
        );
        for (const o of page.Contents ?? []) {
          if (!o.Key) continue;
          if (o.Key.startsWith(`${root}data/`) && DATA_FILE.test(o.Key)) data.push({ key: o.Key, etag: o.ETag ?? "" });
          const period = manifestPeriodOfKey(o.Key);
          const modified = o.LastModified?.getTime() ?? 0;
          // A period's newest manifest is its current delivery.
          if (period && o.Key.startsWith(`${root}metadata/`) && modified >= (manifests.get(period)?.modified ?? -1))
            manifests.set(period, { key: o.Key, modified });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return selectManifestFiles({ bucket, data, manifests, read });
    },
    readFile: read,
  };
}

/**
 * The files to ingest: for a period with a manifest, exactly its dataFiles (a restated period's
 * earlier files are left out); a period whose manifest is unreadable, or names a file the listing
 * lacks, contributes no file (it keeps its stored rows) and is reported; a period without a manifest
 * takes every data file listed under it.
 */
async function selectManifestFiles(args: {
  bucket: string;
  data: ExportFileRef[];
  manifests: Map<string, { key: string }>;
  read: (key: string) => Promise<Uint8Array>;
}): Promise<ExportListing> {
  const problems: string[] = [];
  const byKey = new Map(args.data.map((f) => [f.key, f]));
  const chosen = new Map<string, ExportFileRef[]>();
  for (const [period, { key }] of [...args.manifests].sort(([a], [b]) => a.localeCompare(b))) {
    const parsed = parseManifest(key, await args.read(key));
    if (!parsed.ok) {
      problems.push(parsed.error);
      chosen.set(period, []);
      continue;
    }
    const files: ExportFileRef[] = [];
    const missing: string[] = [];
    for (const uri of parsed.manifest.dataFiles) {
      const { bucket, prefix: fileKey } = parseS3Uri(uri);
      const ref = bucket === args.bucket ? byKey.get(fileKey) : undefined;
      if (ref && billingPeriodOfKey(fileKey) === period) files.push(ref);
      else missing.push(uri);
    }
    if (missing.length > 0)
      problems.push(`${key}: lists ${missing.join(", ")}, not found under the export's data/${period}`);
    chosen.set(period, missing.length > 0 ? [] : files);
  }
  const files = args.data.filter((f) => {
    const period = billingPeriodOfKey(f.key);
    return period === null || !chosen.has(period);
  });
  return { files: [...files, ...[...chosen.values()].flat()], problems };
}
