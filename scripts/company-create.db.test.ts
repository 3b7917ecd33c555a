// npm run company:create: the command line read into a company and its first Tech admin (each bad
// option named), and a real run against a SQLite file that opens the company with this year's
// default credits and an admin who can sign in with the printed password.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../lib/auth/password";
import { getCreditSummary } from "../lib/billing";
import { type Database, openDatabase } from "../lib/db";
import { databaseConfig } from "../lib/db-config";
import { freshDatabaseUrl } from "../test/support/databases";
import { parseCompanyArgs } from "./company-create";

const ARGS = [
  "--name",
  "Initech",
  "--time-zone",
  "America/Chicago",
  "--term-start",
  "2026-01-01",
  "--core-seats",
  "50",
  "--credits-per-seat",
  "100.5",
  "--admin-email",
  "Ada@Initech.example",
  "--admin-name",
  "Ada Lovelace",
];
const without = (flag: string) => ARGS.filter((_, i) => ARGS[i] !== flag && ARGS[i - 1] !== flag);

describe("the command line", () => {
  it("reads a term from local midnight, a year by default, seats, credits per seat and the admin", () => {
    expect(parseCompanyArgs(ARGS)).toEqual({
      name: "Initech",
      timeZone: "America/Chicago",
      termStartsAt: new Date("2026-01-01T06:00:00.000Z"),
      termEndsAt: new Date("2027-01-01T06:00:00.000Z"),
      creditsPerCoreSeatMilli: 100_500n,
      seats: { core: 50 },
      admin: { name: "Ada Lovelace", email: "ada@initech.example" },
    });
    expect(parseCompanyArgs([...ARGS, "--term-years", "3", "--viewer-seats", "7"])).toMatchObject({
      termEndsAt: new Date("2029-01-01T06:00:00.000Z"),
      seats: { core: 50, viewer: 7 },
    });
    expect(parseCompanyArgs([...ARGS, "--term-end", "2026-07-01"]).termEndsAt).toEqual(new Date("2026-07-01T05:00:00.000Z"));
  });

  it("names the option at fault", () => {
    const refused: Array<[string[], RegExp]> = [
      [without("--name"), /^--name is required/],
      [without("--admin-email"), /^--admin-email is required/],
      [[...without("--time-zone"), "--time-zone", "Mars/Olympus"], /^--time-zone "Mars\/Olympus" is not a known time zone/],
      [[...without("--term-start"), "--term-start", "2026-02-30"], /^--term-start must be a date written YYYY-MM-DD/],
      [[...ARGS, "--term-end", "2025-12-31"], /^--term-end must come after --term-start/],
      [[...ARGS, "--term-end", "2027-01-01", "--term-years", "2"], /^give --term-end or --term-years, not both/],
      [[...without("--core-seats"), "--core-seats", "3.5"], /^--core-seats must be a whole number/],
      [[...without("--credits-per-seat"), "--credits-per-seat", "ten"], /--credits-per-seat/],
      [[...without("--admin-email"), "--admin-email", "ada@"], /^--admin-email: That is not an email address/],
      [[...ARGS, "--seats", "5"], /Unknown option '--seats'/],
    ];
    for (const [argv, message] of refused) expect(() => parseCompanyArgs(argv), argv.join(" ")).toThrow(message);
  });
});

describe("a run on SQLite", () => {
  let url: string;
  let db: Database;
  beforeAll(async () => {
    url = await freshDatabaseUrl("sqlite");
  });
  afterAll(async () => {
    await db?.close();
  });

  const run = (argv: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "company-create.ts"), ...argv], {
      env: { ...process.env, DATABASE_URL: url },
      encoding: "utf8",
      timeout: 60_000,
    });

  it("opens the company with this year's default credits and prints its Tech admin's password once", async () => {
    const now = new Date();
    const start = `${now.getUTCFullYear() - 1}-06-15`;
    const done = run([...without("--term-start"), "--term-start", start, "--term-years", "3"]);
    expect(done.stderr).toBe("");
    expect(done.status).toBe(0);
    const password = done.stdout.match(/shown once:\n {2}(\S+)\n/)?.[1];
    expect(password).toMatch(/^[\w-]{24}$/);

    db = openDatabase(databaseConfig(url));
    const company = await db.prisma.company.findUniqueOrThrow({ where: { name: "Initech" }, include: { users: { omit: { passwordHash: false } } } });
    expect(company.users).toHaveLength(1);
    expect(company.users[0]).toMatchObject({ email: "ada@initech.example", role: "tech_admin" });
    expect(await verifyPassword(password!, company.users[0]!.passwordHash!)).toBe(true);
    // 50 core seats at 100.5 credits: 5,025 credits for this contract year.
    expect(await getCreditSummary(db.sql, { companyId: company.id, now })).toMatchObject({ remainingMilli: 5_025_000n, totalMilli: 5_025_000n });

    // Run again: the name is taken, and nothing more is written.
    const again = run(ARGS);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('there is already a company named "Initech"');
    const bad = run(without("--name"));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--name is required");
    expect(await db.prisma.company.count({ where: { name: "Initech" } })).toBe(1);
  }, 120_000);

  it("refuses a database that is not migrated, and writes nothing", async () => {
    const empty = `file:${path.join(path.dirname(new URL(url).pathname), `empty-${Date.now()}.db`)}`;
    const refused = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "company-create.ts"), ...ARGS], {
      env: { ...process.env, DATABASE_URL: empty },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("the database is not migrated to this version of the app: run npm start");
  }, 60_000);
});
