import "server-only";
import { getPool } from "@/lib/db";

const DETAIL_PAGE = /^\/(models|pools|training)\/([^/]+)\/?$/;
const TABLE = { models: '"Model"', pools: '"Pool"', training: '"TrainingRun"' } as const;

/**
 * The id a model, pool or training run page names when no such row exists; null otherwise. Asked by
 * the proxy before the page renders: the dashboard streams (loading.tsx), and a page that calls
 * notFound() after streaming began can no longer change its 200 to a 404.
 */
export async function findMissingPage(pathname: string): Promise<string | null> {
  const match = DETAIL_PAGE.exec(pathname);
  if (!match) return null;
  let id: string;
  try {
    id = decodeURIComponent(match[2]!);
  } catch {
    return null; // a malformed escape: the page answers it
  }
  const table = TABLE[match[1] as keyof typeof TABLE];
  const { rowCount } = await getPool().query(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
  return rowCount ? null : id;
}
