// Prisma 6.19 CLI configuration. This machine cannot download Prisma's Rust schema engine, so
// every CLI command runs the WASM schema engine (engine: "js") over a pg driver adapter.
// Workarounds for 6.19 defects live in lib/db/prisma-cli/ (see /work/shared/notes/environment.md).
import { defineConfig } from "prisma/config";
import { createCliAdapterFactory } from "./lib/db/prisma-cli/adapter";

// Every command, even `generate`, resolves env("DATABASE_URL") from schema.prisma; when it is
// missing the CLI falls back to downloading the binary engine. A placeholder keeps it offline;
// commands that really need a database fail clearly in adapter() below instead.
const PLACEHOLDER_URL = "postgresql://placeholder:placeholder@127.0.0.1:1/placeholder";
const databaseUrlWasSet = Boolean(process.env.DATABASE_URL);
if (!databaseUrlWasSet) process.env.DATABASE_URL = PLACEHOLDER_URL;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  // Called by every schema-engine command (migrate *, db *; even `migrate diff --from-empty`,
  // since the WASM engine connects at start-up), not by `generate`.
  async adapter() {
    if (!databaseUrlWasSet) {
      throw new Error("DATABASE_URL is not set: this Prisma command needs a PostgreSQL server.");
    }
    return createCliAdapterFactory(process.env.DATABASE_URL!);
  },
});
