import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";

// A Parquet export file as header + records of text, the shape the CSV reader gives, so both
// formats go through the same zod validation (read-export-file.ts). hyparquet decodes SNAPPY (what
// AWS Data Exports writes) and logical types: timestamps come back as Dates, JSON and MAP columns
// (Tags) as objects, DECIMALs as numbers (written back with at most 10 places, as FOCUS costs have).

function toText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number")
    return Number.isInteger(value) ? String(value) : value.toFixed(10).replace(/\.?0+$/, "");
  if (typeof value === "string") return value;
  if (value instanceof Map) return JSON.stringify(Object.fromEntries(value));
  return JSON.stringify(value);
}

export async function readParquetRecords(bytes: Uint8Array): Promise<{ header: string[]; records: string[][] }> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const metadata = parquetMetadata(buffer);
  const header = parquetSchema(metadata).children.map((c) => c.element.name);
  const rows = await parquetReadObjects({ file: buffer, metadata });
  return { header, records: rows.map((row) => header.map((name) => toText(row[name]))) };
}
