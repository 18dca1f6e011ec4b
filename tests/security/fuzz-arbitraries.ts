// Generators of hostile input for the API fuzz test. Every body generator applies at least one
// defect that alone makes the request invalid (and defects never cancel each other out), so any
// write they cause is a bug, not a lucky valid request.
import fc from "fast-check";

/** Strings built to hurt: NUL, lone surrogates, bidi overrides, quotes, LIKE wildcards, newlines. */
export const nastyString = (maxLength = 60) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: "binary", maxLength }),
    fc.string({
      unit: fc.constantFrom(
        "\u0000",
        "\ud800",
        "\udfff",
        "\u202e",
        "\ufeff",
        "%",
        "_",
        "'",
        '"',
        "\\",
        "\n",
        "\r",
        "=",
        "a",
        "é",
        "😀",
        "<",
        ">",
      ),
      maxLength,
    }),
  );

export const numberish = fc.oneof(
  fc.integer({ min: -1_000_000_000, max: 0 }),
  fc.integer({ min: 1001, max: Number.MAX_SAFE_INTEGER }),
  fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }),
  fc.constantFrom("NaN", "Infinity", "-Infinity", "1e309", "-0", "", "1", "0x10", " 5", "24"),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1e308, Number.MIN_VALUE), // JSON turns NaN/Infinity into null
);

/** Anything but a whole number in 1..1000, so `count` is refused whatever else the body says. */
export const badCount = fc.oneof(
  numberish.filter((v) => typeof v !== "number" || !(Number.isInteger(v) && v >= 1 && v <= 1000)),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

const deep = (depth: number): unknown => (depth === 0 ? 1 : { a: deep(depth - 1) });
const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nastyString(10), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
  fc.integer({ min: 50, max: 2000 }).map(deep),
);
const shortText = fc.string({ maxLength: 6 }).map((s) => s.trim().slice(0, 4));
const longText = fc.string({ minLength: 501, maxLength: 4000 }).filter((s) => s.trim().length > 500);

type Body = Record<string, unknown>;
type Defect = fc.Arbitrary<(body: Body) => unknown>;
const set = (key: string, value: fc.Arbitrary<unknown>): Defect => value.map((v) => (b: Body) => ({ ...b, [key]: v }));
const unset = (key: string): Defect =>
  fc.constant((b: Body) => Object.fromEntries(Object.entries(b).filter(([k]) => k !== key)));
const unknownField: Defect = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(
        "__proto__",
        "constructor",
        "state",
        "requestedBy",
        "approvedBy",
        "idempotencyKey",
        "count ",
        "Kind",
      ),
      nastyString(20),
    ),
    fc.anything(),
  )
  .filter(
    ([k]) => !["kind", "mode", "count", "reason", "confirmPoolName", "overrides", "paramsHash", "userId"].includes(k),
  )
  // A computed key makes "__proto__" an own (serialized) property rather than the prototype.
  .map(([k, v]) => (b: Body) => ({ ...b, [k]: v === undefined ? null : v }));
const notAnObject: Defect = fc
  .oneof(fc.array(fc.anything(), { maxLength: 4 }), fc.integer(), fc.string(), fc.constant(null), fc.boolean())
  .map((v) => () => v);

function applyDefects(base: fc.Arbitrary<Body>, defects: Defect[]): fc.Arbitrary<unknown> {
  return fc
    .tuple(base, fc.array(fc.oneof(...defects), { minLength: 1, maxLength: 3 }))
    .map(([body, ds]) =>
      ds.reduce<unknown>((b, d) => (b && typeof b === "object" && !Array.isArray(b) ? d(b as Body) : b), body),
    );
}

const target = {
  kind: fc.constantFrom("launch", "drain"),
  mode: fc.constantFrom("count", "all", "to-max"),
  count: fc.integer({ min: 1, max: 1000 }),
};
const targetDefects: Defect[] = [
  unknownField,
  notAnObject,
  set("count", badCount),
  set(
    "kind",
    fc.oneof(nastyString(12), wrongType).filter((v) => v !== "launch" && v !== "drain"),
  ),
  set(
    "mode",
    fc.oneof(nastyString(12), wrongType).filter((v) => !["count", "all", "to-max"].includes(v as string)),
  ),
  unset("kind"),
];

/** POST /api/pools/:poolId/actions bodies, each invalid. */
export const malformedActionRequest = (poolId: string) =>
  applyDefects(
    fc.record(
      {
        ...target,
        reason: fc.string({ minLength: 5, maxLength: 80 }),
        confirmPoolName: fc.constantFrom(poolId, poolId.toUpperCase(), `${poolId} `),
        overrides: fc.record(
          { reservedIdle: fc.string({ minLength: 5, maxLength: 40 }), shareLimit: fc.string({ maxLength: 40 }) },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ["kind", "reason", "confirmPoolName"] },
    ),
    [
      ...targetDefects,
      set("reason", fc.oneof(shortText, longText, wrongType)),
      unset("reason"),
      set(
        "confirmPoolName",
        fc.oneof(
          wrongType,
          fc.string({ minLength: 201, maxLength: 1000 }),
          nastyString(40).filter((s) => s !== poolId),
        ),
      ),
      unset("confirmPoolName"),
      set(
        "overrides",
        fc.oneof(
          wrongType.filter(
            (v) => v === null || typeof v !== "object" || Array.isArray(v) || Object.keys(v as object).length > 0,
          ),
          fc.record({ reservedIdle: shortText }),
          fc.record({ onDemand: longText }),
          fc.record({ bogus: fc.string() }),
        ),
      ),
    ],
  );

/** POST /api/pools/:poolId/actions/preview bodies, each invalid. */
export const malformedPreviewRequest = applyDefects(fc.record(target, { requiredKeys: ["kind"] }), targetDefects);

/** POST /api/actions/:actionId/approve bodies, each invalid or naming a hash that is not the action's. */
export const malformedApproval = (realHash: string) =>
  applyDefects(fc.record({ paramsHash: fc.stringMatching(/^[0-9a-f]{64}$/) }), [
    unknownField,
    notAnObject,
    unset("paramsHash"),
    set(
      "paramsHash",
      fc.oneof(
        wrongType,
        nastyString(70),
        fc.stringMatching(/^[0-9A-F]{64}$/),
        fc.stringMatching(/^[0-9a-f]{63}$/),
        fc.stringMatching(/^[0-9a-f]{64}$/).filter((h) => h !== realHash),
      ),
    ),
  ]);

/**
 * POST /api/actions/:actionId/reject bodies, each invalid or naming a hash that is not the
 * action's (the base hash is random, so a well-formed body still never rejects the real action).
 */
export const malformedRejection = (realHash: string) =>
  applyDefects(
    fc.record({
      paramsHash: fc.stringMatching(/^[0-9a-f]{64}$/).filter((h) => h !== realHash),
      comment: fc.string({ minLength: 5, maxLength: 200 }).filter((c) => c.trim().length >= 5),
    }),
    [
      unknownField,
      notAnObject,
      unset("paramsHash"),
      unset("comment"),
      set("comment", fc.oneof(wrongType, fc.string({ maxLength: 4 }), fc.string({ minLength: 1001, maxLength: 1100 }))),
      set("paramsHash", fc.oneof(wrongType, nastyString(70), fc.stringMatching(/^[0-9a-f]{63}$/))),
    ],
  );

/** POST /api/auth/demo/sign-in bodies naming no demo user. */
export const malformedSignIn = applyDefects(fc.record({ userId: fc.constantFrom("demo-viewer", "demo-admin") }), [
  unknownField,
  notAnObject,
  unset("userId"),
  set(
    "userId",
    fc.oneof(
      wrongType,
      nastyString(80).filter((s) => !s.startsWith("demo-")),
      fc.constantFrom("DEMO-ADMIN", "demo-admin ", "demo-root", "admin"),
    ),
  ),
]);

/** Raw bodies that are not a JSON object: broken JSON, NaN literals, deep nesting, text. */
export const rawNonJsonBody = fc.oneof(
  nastyString(200).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
  fc.constantFrom(
    "{",
    '{"kind":',
    "{'kind':'drain'}",
    '{"count":NaN}',
    '{"count":Infinity}',
    '{"count":1e999}',
    "\ufeff{}",
    "[1,2,",
    "nul",
    "undefined",
    '{"a":1,}',
  ),
  fc.integer({ min: 1000, max: 200_000 }).map((n) => "[".repeat(n) + "]".repeat(n)),
  fc.integer({ min: 1000, max: 50_000 }).map((n) => '{"a":'.repeat(n) + "1" + "}".repeat(n)),
  fc.json().map((j) => j + "}"),
);

export const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "",
  "APPLICATION/JSON",
);

export const idempotencyKeyHeader = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_.:-]{8,64}$/),
  fc.string({ maxLength: 100 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
  fc.constant(""),
);

const ISO = fc
  .date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString());

/** Query strings for the read APIs: presets, custom ranges (inverted, over 455 days), garbage, unknown keys, repeats. */
export const hostileQuery = fc
  .array(
    fc.oneof(
      fc.tuple(
        fc.constant("range"),
        fc.oneof(
          fc.constantFrom("1h", "6h", "24h", "7d", "30d", "90d", "455d", "custom", "2y", "5y", "", "CUSTOM"),
          nastyString(10),
        ),
      ),
      fc.tuple(
        fc.constantFrom("from", "to"),
        fc.oneof(
          ISO,
          nastyString(30),
          fc.constantFrom(
            "NaN",
            "-1",
            "0",
            "2026-02-30T00:00:00Z",
            "2026-11-01",
            "9999-12-31T23:59:59Z",
            "+275760-09-13T00:00:00Z",
          ),
        ),
      ),
      fc.tuple(
        fc.constantFrom("limit", "before"),
        fc.oneof(numberish.map(String), fc.constantFrom("99999999999999999999", "1", "500", "501")),
      ),
      fc.tuple(
        fc.constantFrom("actor", "poolId", "action", "outcome"),
        fc.oneof(
          nastyString(30),
          fc.string({ minLength: 201, maxLength: 400 }),
          fc.constantFrom("pool.", "%", "_", "refused", "demo-admin"),
        ),
      ),
      fc.tuple(nastyString(12), nastyString(12)),
    ),
    { maxLength: 6 },
  )
  .map((pairs) => {
    const search = new URLSearchParams();
    for (const [k, v] of pairs) search.append(k, v);
    return `?${search.toString()}`;
  });

/** Custom ranges that must be refused: inverted, empty, or wider than 455 days. */
export const badCustomRange = fc
  .tuple(
    fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2090-01-01T00:00:00Z"), noInvalidDate: true }),
    fc.oneof(fc.integer({ min: -400 * 86400, max: 0 }), fc.integer({ min: 455 * 86400 + 1, max: 3000 * 86400 })),
  )
  .map(([from, spanSeconds]) => ({
    from: from.toISOString(),
    to: new Date(from.getTime() + spanSeconds * 1000).toISOString(),
    spanSeconds,
  }));

/** Text that is otherwise valid but carries a character PostgreSQL cannot store (NUL, an unpaired surrogate). */
export const unstorableText = fc
  .tuple(
    fc.string({ minLength: 6, maxLength: 60 }).filter((s) => s.trim().length >= 6),
    fc.constantFrom("\u0000", "\ud800", "\udfff", "\ud83d"),
    fc.nat(),
  )
  .map(([text, bad, at]) => {
    const i = 1 + (at % (text.length - 1));
    return text.slice(0, i) + bad + text.slice(i);
  });
