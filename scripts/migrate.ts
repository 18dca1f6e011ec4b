// node scripts/migrate.js (production image; bundled by the Dockerfile) or
// `tsx --conditions=react-server scripts/migrate.ts`: applies prisma/migrations to DATABASE_URL.
import { applyMigrations } from "@/lib/db/apply-migrations";

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set");
  const applied = await applyMigrations({ databaseUrl });
  console.log(applied.length ? `applied migrations: ${applied.join(", ")}` : "migrations up to date");
}

main().catch((err: unknown) => {
  console.error(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
