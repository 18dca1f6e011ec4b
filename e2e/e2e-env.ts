// Where the end-to-end server and its embedded PostgreSQL listen (kept apart from `npm start`'s).
export const E2E = {
  port: 3100,
  pgPort: 54410,
  dataDir: ".data/e2e",
  baseUrl: "http://127.0.0.1:3100",
  databaseUrl: "postgresql://postgres:postgres@127.0.0.1:54410/fleet_console",
};
