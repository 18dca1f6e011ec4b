import pg from "pg";
import { E2E } from "./e2e-env";

/** Runs one query against the e2e server's database (or another one's): specs check the screen against it. */
export async function queryDb<T extends pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
  databaseUrl: string = E2E.databaseUrl,
): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
