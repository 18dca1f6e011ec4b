"use client";
import { toCsv, type CsvColumn } from "@/lib/csv";

/** Downloads exactly the rows a table shows, with raw (unformatted) numbers and unit-named headers. */
export function CsvDownloadButton<T>(props: { filename: string; columns: CsvColumn<T>[]; rows: T[] }) {
  return (
    <button
      type="button"
      className="no-print"
      onClick={() => {
        const blob = new Blob([toCsv(props.columns, props.rows)], { type: "text/csv;charset=utf-8" });
        const url = URL.createObjectURL(blob);
        const a = document.createElement("a");
        a.href = url;
        a.download = props.filename;
        a.click();
        URL.revokeObjectURL(url);
      }}
    >
      Download CSV
    </button>
  );
}
