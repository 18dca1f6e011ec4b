// Where the FOCUS export's files come from: S3 (AWS Data Exports) or the simulated fleet's own
// bill. The ingest (ingest-billing-export.ts) reads both the same way.

export type ExportFileRef = {
  /** The object key, e.g. "exports/focus/data/BILLING_PERIOD=2026-12/focus-00001.csv.gz". */
  key: string;
  /** Changes whenever AWS rewrites the file. */
  etag: string;
};

export type ExportListing = {
  /** The data files to ingest, all billing periods. */
  files: ExportFileRef[];
  /** What could not be listed (an unreadable manifest, a file it names that is missing): reported. */
  problems: string[];
};

export interface BillingExportSource {
  readonly name: "s3" | "simulated";
  listFiles(): Promise<ExportListing>;
  readFile(key: string): Promise<Uint8Array>;
}

/** "YYYY-MM" from the key's BILLING_PERIOD=YYYY-MM folder (AWS Data Exports' layout), or null. */
export function billingPeriodOfKey(key: string): string | null {
  const m = /(?:^|\/)BILLING_PERIOD=(\d{4}-\d{2})\//.exec(key);
  return m ? m[1]! : null;
}
