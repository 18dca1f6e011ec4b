"use client";
import { toCsv, type CsvColumn, type CsvTotal } from "@/lib/csv";

/**
 * Downloads exactly the rows a table shows, with plain numbers (no $, no separators) and unit-named
 * headers, and the table's total line when it has one (the same footed figures as its tfoot).
 */
export function CsvDownloadButton<T>(props: {
  filename: string;
  columns: CsvColumn<T>[];
  rows: T[];
  total?: CsvTotal;
}) {
  return (
    <button
      type="button"
      className="no-print"
      onClick={() => {
        const blob = new Blob([toCsv(props.columns, props.rows, props.total)], { type: "text/csv;charset=utf-8" });
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
