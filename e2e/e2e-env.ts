// Where the end-to-end server and its embedded PostgreSQL listen (kept apart from `npm start`'s).
// Below Linux's ephemeral range (32768-60999): an outgoing connection can hold a port there and
// make the fixed listener fail with "Address already in use" (it did once in CI).
export const E2E = {
  port: 3100,
  pgPort: 31410,
  dataDir: ".data/e2e",
  baseUrl: "http://127.0.0.1:3100",
  databaseUrl: "postgresql://postgres:postgres@127.0.0.1:31410/fleet_console",
};
