// A pg.Client that lets @prisma/adapter-pg 6.19 read PostgreSQL catalog columns
// (prisma/prisma#27403). Only the Prisma CLI (prisma.config.ts) uses it; the app does not.
//
// The schema engine introspects pg_catalog, whose columns have types the adapter's
// fieldToColumnType() rejects ("Column type 'name' could not be deserialized"):
//   - `name`   (oid 19): values arrive as plain strings, so we relabel the field as text (25);
//   - `"char"` (oid 18): relabelled as text too, but the engine must see it as
//     ColumnTypeEnum.Character (plain Text crashes it on CHECK constraints with
//     "RuntimeError: unreachable"). The adapter's result keeps pg's `rows` array, so we remember
//     the "char" column indexes per rows array; withCharColumns() (adapter.ts) applies them.
import pg from "pg";

const PG_CHAR = 18;
const PG_NAME = 19;
const PG_TEXT = 25;

/** rows array of a result -> indexes of its `"char"` columns. */
export const charColumnsByRows = new WeakMap<unknown[], number[]>();

function relabel(result: pg.QueryResult | pg.QueryResult[] | undefined): void {
  if (!result) return;
  for (const r of Array.isArray(result) ? result : [result]) {
    if (!r?.fields) continue;
    const charColumns: number[] = [];
    r.fields.forEach((field, i) => {
      if (field.dataTypeID === PG_NAME) field.dataTypeID = PG_TEXT;
      else if (field.dataTypeID === PG_CHAR) {
        field.dataTypeID = PG_TEXT;
        charColumns.push(i);
      }
    });
    if (charColumns.length > 0 && Array.isArray(r.rows)) charColumnsByRows.set(r.rows, charColumns);
  }
}

export class CatalogAwareClient extends pg.Client {
  // pg-pool calls query(config, values, callback); direct users get a promise. Both are covered.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last];
      args[last] = (err: Error | null, res: pg.QueryResult) => {
        if (!err) relabel(res);
        callback(err, res);
      };
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const ret = (super.query as (...a: unknown[]) => unknown)(...args);
    if (ret && typeof (ret as Promise<unknown>).then === "function") {
      return (ret as Promise<pg.QueryResult>).then((res) => {
        relabel(res);
        return res;
      });
    }
    return ret;
  }
}
