import { describe, expect, it } from "vitest";
import { databaseUnavailableReason, isDatabaseUnavailable } from "@/lib/db/is-database-unavailable";

const socketError = (code: string) =>
  Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: "connect" });
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: "FATAL" });

describe("databaseUnavailableReason", () => {
  it("names socket errors, connection SQLSTATEs and pg's uncoded connection losses", () => {
    expect(databaseUnavailableReason(socketError("ECONNREFUSED"))).toBe("ECONNREFUSED");
    expect(databaseUnavailableReason(socketError("ECONNRESET"))).toBe("ECONNRESET");
    expect(databaseUnavailableReason(pgError("57P01", "terminating connection due to administrator command"))).toBe(
      "57P01",
    );
    expect(databaseUnavailableReason(pgError("57P03", "the database system is starting up"))).toBe("57P03");
    expect(databaseUnavailableReason(pgError("08006", "connection failure"))).toBe("08006");
    expect(databaseUnavailableReason(new Error("Connection terminated unexpectedly"))).toBe("connection terminated");
    expect(databaseUnavailableReason(new Error("timeout exceeded when trying to connect"))).toBe(
      "pool connect timeout",
    );
  });

  it("looks through Prisma's wrapping: driver adapter errors, meta and causes", () => {
    const adapter = Object.assign(new Error("DriverAdapterError"), {
      name: "DriverAdapterError",
      cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 },
    });
    expect(databaseUnavailableReason(adapter)).toBe("DatabaseNotReachable");
    const known = Object.assign(new Error("Can't reach database server"), {
      code: "P1001",
      meta: { driverAdapterError: adapter },
    });
    expect(databaseUnavailableReason(known)).toBe("DatabaseNotReachable");
    expect(databaseUnavailableReason(Object.assign(new Error("closed"), { code: "P1017" }))).toBe("P1017");
    const raw = Object.assign(new Error("Raw query failed"), {
      code: "P2010",
      meta: { driverAdapterError: { cause: { kind: "postgres", code: "57P01", message: "terminating" } } },
    });
    expect(databaseUnavailableReason(raw)).toBe("57P01");
    expect(databaseUnavailableReason(new Error("wrapped", { cause: socketError("ECONNREFUSED") }))).toBe(
      "ECONNREFUSED",
    );
  });

  it("leaves bad queries, constraint violations and app errors alone", () => {
    expect(isDatabaseUnavailable(pgError("42P01", 'relation "nope" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("something else"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});
