// CI check: do prisma/migrations and prisma/schema.prisma describe the same database?
// Replays the migrations into a shadow database and diffs it against the schema
// (`prisma migrate diff --exit-code`: 0 in sync, 2 different). Uses DATABASE_URL's server for the
// shadow database, or starts a throwaway embedded PostgreSQL (port: first argument, --port,
// $PRISMA_CLI_PG_PORT, default 56050) and stops it afterwards. Partitioning (telemetry_minute) is
// not modelled by Prisma: a partitioned table is compared like a plain one, its partitions skipped.
//
//   npx tsx scripts/db-check-drift.ts [port]
import { portOption, runPrisma, withDatabaseUrl } from "./run-prisma-cli";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const positional = args.find((a) => /^\d+$/.test(a));
  const port = positional ? Number(positional) : portOption(args, 56050);

  const { code } = await withDatabaseUrl(port, (databaseUrl) =>
    runPrisma(
      [
        "migrate",
        "diff",
        "--from-migrations",
        "prisma/migrations",
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--exit-code",
      ],
      databaseUrl,
    ),
  );
  if (code === 0) {
    console.log("db-check-drift: OK, prisma/migrations matches prisma/schema.prisma.");
  } else if (code === 2) {
    console.error(
      "db-check-drift: DRIFT: prisma/schema.prisma differs from what prisma/migrations creates (changes above).\n" +
        "Create a migration for it: npx tsx scripts/db-new-migration.ts <name>",
    );
  } else {
    console.error(`db-check-drift: prisma migrate diff failed (exit ${code}); see the error above.`);
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error("db-check-drift:", err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
