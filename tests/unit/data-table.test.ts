import { describe, expect, it } from "vitest";
import { filterRows } from "@/lib/table/filter-rows";
import { sortRows } from "@/lib/table/sort-rows";
import type { ColumnFilter, TableColumn } from "@/lib/table/table-column";
import { csvColumnsOf, csvTotalOf, tableCsv } from "@/lib/table/table-csv";
import { nextSort, parseTableState, tableStateChanges } from "@/lib/table/table-search-params";

type Row = { id: string; team: string; chip: "trainium" | "graviton"; p95Ms: number | null; spendUsd: string };

const rows: Row[] = [
  { id: "pool-10", team: "search", chip: "trainium", p95Ms: 120, spendUsd: "10.00" },
  { id: "pool-9", team: "ads", chip: "graviton", p95Ms: null, spendUsd: "9.50" },
  { id: "Pool-2", team: "search, ranking", chip: "graviton", p95Ms: 45.5, spendUsd: "100.25" },
  { id: "pool-1", team: "chat", chip: "trainium", p95Ms: 45.5, spendUsd: "-0.05" },
];

const col = (c: Partial<TableColumn<Row>> & { id: string }): TableColumn<Row> => ({
  header: c.id,
  cell: () => null,
  ...c,
});
const id = col({
  id: "id",
  sortValue: (r) => r.id,
  filterText: (r) => r.id,
  csv: [{ header: "pool", value: (r) => r.id }],
});
const team = col({ id: "team", filterText: (r) => r.team, csv: [{ header: "team", value: (r) => r.team }] });
const chip = col({ id: "chip", sortValue: (r) => r.chip, filterText: (r) => r.chip });
const p95 = col({
  id: "p95",
  align: "num",
  sortValue: (r) => r.p95Ms,
  csv: [
    { header: "latency_p95_ms", value: (r) => r.p95Ms },
    { header: "slo_p95_ms", value: () => 100 },
  ],
});
const spend = col({
  id: "spend",
  align: "num",
  sortValue: (r) => Number(r.spendUsd),
  csv: [{ header: "spend_usd", value: (r) => r.spendUsd }],
  total: (shown) => ({ display: "", csv: shown.length === 4 ? "119.70" : "x" }),
});
const columns = [id, team, chip, p95, spend];
const ids = (rs: Row[]) => rs.map((r) => r.id);

describe("sortRows", () => {
  it("sorts numbers numerically, missing values last in both directions, ties in input order", () => {
    expect(ids(sortRows(rows, p95, "asc"))).toEqual(["Pool-2", "pool-1", "pool-10", "pool-9"]);
    expect(ids(sortRows(rows, p95, "desc"))).toEqual(["pool-10", "Pool-2", "pool-1", "pool-9"]);
    expect(ids(sortRows(rows, spend, "asc"))).toEqual(["pool-1", "pool-9", "pool-10", "Pool-2"]);
  });
  it("sorts strings case-insensitively with numbers inside them in numeric order", () => {
    expect(ids(sortRows(rows, id, "asc"))).toEqual(["pool-1", "Pool-2", "pool-9", "pool-10"]);
    expect(ids(sortRows(rows, id, "desc"))).toEqual(["pool-10", "pool-9", "Pool-2", "pool-1"]);
  });
  it("keeps the input order for an unsortable or unknown column and never mutates the input", () => {
    const before = [...rows];
    expect(ids(sortRows(rows, team, "asc"))).toEqual(ids(before));
    expect(ids(sortRows(rows, undefined, "desc"))).toEqual(ids(before));
    sortRows(rows, id, "asc");
    expect(rows).toEqual(before);
  });
  it("puts NaN and undefined with null, last", () => {
    const odd = col({
      id: "odd",
      sortValue: (r) => (r.id === "pool-1" ? NaN : r.id === "pool-9" ? undefined : r.p95Ms),
    });
    expect(ids(sortRows(rows, odd, "asc"))).toEqual(["Pool-2", "pool-10", "pool-9", "pool-1"]); // missing: input order
  });
});

describe("filterRows", () => {
  const filters: ColumnFilter[] = [
    { columnId: "chip", param: "chip", label: "Chip family", options: ["trainium", "graviton"] },
    { columnId: "team", param: "team", label: "Team" },
  ];
  it("matches each term as a case-insensitive substring of some searchable column", () => {
    expect(ids(filterRows(rows, columns, filters, { q: "POOL-1" }))).toEqual(["pool-10", "pool-1"]);
    expect(ids(filterRows(rows, columns, filters, { q: "search graviton" }))).toEqual(["Pool-2"]);
    expect(ids(filterRows(rows, columns, filters, { q: "  " }))).toEqual(ids(rows));
    expect(filterRows(rows, columns, filters, { q: "quantum" })).toEqual([]);
  });
  it("a column filter with options matches exactly, one without matches a substring", () => {
    expect(ids(filterRows(rows, columns, filters, { columns: { chip: "Graviton" } }))).toEqual(["pool-9", "Pool-2"]);
    expect(ids(filterRows(rows, columns, filters, { columns: { team: "sea" } }))).toEqual(["pool-10", "Pool-2"]);
    // An options filter matches a whole word of the column's text, never part of one.
    const both = [{ ...rows[0]!, chip: "trainium graviton" as "trainium" }, rows[1]!];
    expect(ids(filterRows(both, columns, filters, { columns: { chip: "graviton" } }))).toEqual(["pool-10", "pool-9"]);
    expect(filterRows(both, columns, filters, { columns: { chip: "grav" } })).toEqual([]);
    expect(
      ids(filterRows(rows, columns, filters, { q: "pool-1", columns: { team: "sea", chip: "trainium" } })),
    ).toEqual(["pool-10"]);
  });
});

describe("CSV from column definitions", () => {
  it("writes the columns' CSV headers in order, the rows shown, and the totals line", () => {
    const shown = sortRows(rows, spend, "desc");
    expect(csvColumnsOf(columns).map((c) => c.header)).toEqual([
      "pool",
      "team",
      "latency_p95_ms",
      "slo_p95_ms",
      "spend_usd",
    ]);
    expect(tableCsv(columns, shown, csvTotalOf(columns, shown, false))).toBe(
      "pool,team,latency_p95_ms,slo_p95_ms,spend_usd\r\n" +
        'Pool-2,"search, ranking",45.5,100,100.25\r\n' +
        "pool-10,search,120,100,10.00\r\n" +
        "pool-9,ads,,100,9.50\r\n" +
        "pool-1,chat,45.5,100,-0.05\r\n" +
        "total,,,,119.70\r\n",
    );
  });
  it("has no totals line when no column has a total", () => {
    expect(csvTotalOf([id, team], rows, false)).toBeUndefined();
    expect(tableCsv([id, chip], rows.slice(0, 1))).toBe("pool\r\npool-10\r\n");
  });
});

describe("table state in the URL", () => {
  const filters: ColumnFilter[] = [
    { columnId: "chip", param: "chip", label: "Chip", options: ["trainium", "graviton"] },
  ];
  it("reads sort, direction, text and column filters, dropping bad values", () => {
    expect(
      parseTableState(new URLSearchParams("range=6h&sort=p95&dir=desc&q=pool&chip=graviton"), { columns, filters }),
    ).toEqual({
      sort: "p95",
      dir: "desc",
      q: "pool",
      columns: { chip: "graviton" },
    });
    // team is not sortable; quantum is not an option; a bad dir falls back.
    expect(parseTableState(new URLSearchParams("sort=team&dir=up&chip=quantum"), { columns, filters })).toEqual({
      sort: null,
      dir: "asc",
      q: "",
      columns: {},
    });
    expect(
      parseTableState(new URLSearchParams("sort=p95&dir=sideways"), {
        columns,
        defaultSort: { id: "spend", dir: "desc" },
      }),
    ).toEqual({ sort: "p95", dir: "desc", q: "", columns: {} });
  });
  it("keeps two tables apart by prefix", () => {
    const search = new URLSearchParams("sort=id&res.sort=spend&res.dir=asc");
    expect(parseTableState(search, { columns, prefix: "res." }).sort).toBe("spend");
    expect(tableStateChanges({ sort: "p95", dir: "desc", q: "" }, "res.")).toEqual({
      "res.sort": "p95",
      "res.dir": "desc",
      "res.q": undefined,
    });
  });
  it("sorts figures largest first and text A→Z on the first click, then flips", () => {
    expect(nextSort(p95, { sort: null, dir: "asc" })).toEqual({ sort: "p95", dir: "desc" });
    expect(nextSort(id, { sort: "p95", dir: "desc" })).toEqual({ sort: "id", dir: "asc" });
    expect(nextSort(id, { sort: "id", dir: "asc" })).toEqual({ sort: "id", dir: "desc" });
  });
});

describe("the audit table's columns", () => {
  it("write exactly the server export's CSV columns, in its order", async () => {
    const { AUDIT_COLUMNS } = await import("@/app/(dashboard)/audit/audit-columns");
    const { AUDIT_CSV_COLUMNS } = await import("@/lib/audit/audit-csv-columns");
    expect(csvColumnsOf(AUDIT_COLUMNS).map((c) => c.header)).toEqual([
      "id",
      "at_utc",
      "actor",
      "actor_role",
      "action",
      "pool_id",
      "model_id",
      "outcome",
      "repeat_count",
      "last_repeat_at_utc",
      "reason",
      "message",
      "params_json",
      "source_ip",
      "user_agent",
    ]);
    expect(csvColumnsOf(AUDIT_COLUMNS).map((c) => c.header)).toEqual(AUDIT_CSV_COLUMNS.map((c) => c.header));
  });
  it("keep their URL params out of the audit query", async () => {
    const { auditSearchObject } = await import("@/lib/audit/audit-filters");
    expect(auditSearchObject(new URLSearchParams("actor=a&t.sort=at&t.q=drain&range=24h"))).toEqual({
      actor: "a",
      range: "24h",
    });
  });
});
