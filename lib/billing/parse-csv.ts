// A small RFC 4180 reader for the FOCUS CSV export: quoted fields may hold commas, doubled quotes
// and line breaks; records end with CRLF or LF. Strict on purpose: an unterminated quote or a quote
// inside an unquoted field is an error with its record number, so a damaged file is refused whole
// rather than read into shifted columns.

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based record number; the header is record 1. */
    readonly row: number,
  ) {
    super(message);
  }
}

/** Every record as an array of fields, header included. An empty trailing line is not a record. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStarted = false;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = "";
    fieldStarted = false;
  };
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r")
          throw new CsvSyntaxError("characters after a closing quote", records.length + 1);
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (fieldStarted) throw new CsvSyntaxError("a quote inside an unquoted field", records.length + 1);
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (c === ",") {
      record.push(field);
      field = "";
      fieldStarted = false;
      i++;
    } else if (c === "\r" || c === "\n") {
      endRecord();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new CsvSyntaxError("unterminated quoted field", records.length + 1);
  if (fieldStarted || record.length > 0) endRecord();
  return records;
}
