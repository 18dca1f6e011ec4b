import "server-only";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { getBillingS3Client } from "./billing-s3-client";
import type { BillingExportSource, ExportFileRef } from "./types";

// AWS Data Exports writes a FOCUS export under s3://<bucket>/<prefix>/<export-name>/data/
// BILLING_PERIOD=YYYY-MM/…; `exportUri` names the export's root (s3://bucket/prefix/export-name).
// The listing is the file list (ListObjectsV2, every page); only data files count.

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
  const dataPrefix = prefix ? `${prefix}/data/` : "data/";
  const client = () => getBillingS3Client({ region: args.region, forcePathStyle: args.forcePathStyle });
  return {
    name: "s3",
    async listFiles() {
      const files: ExportFileRef[] = [];
      let token: string | undefined;
      do {
        const page = await client().send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: dataPrefix, ContinuationToken: token }),
        );
        for (const o of page.Contents ?? []) {
          if (o.Key && DATA_FILE.test(o.Key)) files.push({ key: o.Key, etag: o.ETag ?? "" });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return files;
    },
    async readFile(key) {
      const out = await client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!out.Body) throw new Error(`s3://${bucket}/${key}: empty response body`);
      return out.Body.transformToByteArray();
    },
  };
}
