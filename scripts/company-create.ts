// npm run company:create -- --name "Initech" --time-zone America/Chicago --term-start 2026-01-01
//   [--term-years 1 | --term-end 2027-01-01] --core-seats 50 --credits-per-seat 100
//   [--viewer-seats 10] --admin-email ada@initech.example --admin-name "Ada Lovelace"
//
// Opens a company on this server: its contract term (from local midnight of --term-start in its
// zone to --term-end, or --term-years anniversaries later), its seats and the credits each core
// seat earns a contract year, with this year's default credits issued; and its first Tech admin,
// whose temporary password is printed once (they change it on their profile, and add the
// company's other users under Settings > Users). Bad input names its option and writes nothing.
import { parseArgs } from "node:util";
import { createCompany } from "../lib/billing";
import { systemClock } from "../lib/clock";
import { parseCredits } from "../lib/credits/amount";
import { type Database, openDatabase } from "../lib/db";
import { databaseConfig } from "../lib/db-config";
import { AppError } from "../lib/errors";
import { contractAnniversary } from "../lib/ledger/contract";
import { col, shape } from "../lib/sql/rows";
import { isTimeZone, parseLocalDateTime } from "../lib/time/local-time";
import { startOfLocalDay } from "../lib/time/zoned";
import { addCompanyUser } from "../lib/users/accounts";
import { AddUserInput } from "../lib/users/schemas";
import { migrationNames } from "./db/migrations";

export type CompanyPlan = {
  name: string;
  timeZone: string;
  termStartsAt: Date;
  termEndsAt: Date;
  creditsPerCoreSeatMilli: bigint;
  seats: Record<string, number>;
  admin: { name: string; email: string };
};

const OPTIONS = {
  name: { type: "string" },
  "time-zone": { type: "string" },
  "term-start": { type: "string" },
  "term-end": { type: "string" },
  "term-years": { type: "string" },
  "core-seats": { type: "string" },
  "viewer-seats": { type: "string" },
  "credits-per-seat": { type: "string" },
  "admin-email": { type: "string" },
  "admin-name": { type: "string" },
} as const;

/** Reads the command line into a plan, or throws an Error that names the option at fault. */
export function parseCompanyArgs(argv: string[]): CompanyPlan {
  let values: Partial<Record<keyof typeof OPTIONS, string>>;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new Error(error instanceof Error ? error.message : String(error));
  }
  const required = (key: keyof typeof OPTIONS, example: string): string => {
    const value = values[key]?.trim();
    if (!value) throw new Error(`--${key} is required, such as --${key} ${example}`);
    return value;
  };
  const date = (key: "term-start" | "term-end", value: string): string => {
    // A calendar date (2026-02-30 is not one), read as the start of that day.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !parseLocalDateTime(`${value}T00:00`))
      throw new Error(`--${key} must be a date written YYYY-MM-DD, not "${value}"`);
    return value;
  };
  const count = (key: "core-seats" | "viewer-seats" | "term-years", value: string, min: number): number => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > 1_000_000)
      throw new Error(`--${key} must be a whole number from ${min}, not "${value}"`);
    return Number(value);
  };

  const name = required("name", '"Initech"');
  const timeZone = required("time-zone", "America/Chicago");
  if (!isTimeZone(timeZone)) throw new Error(`--time-zone "${timeZone}" is not a known time zone (an IANA name such as Europe/Berlin)`);
  const termStartsAt = startOfLocalDay(date("term-start", required("term-start", "2026-01-01")), timeZone);
  if (values["term-end"] !== undefined && values["term-years"] !== undefined) throw new Error("give --term-end or --term-years, not both");
  const termEndsAt =
    values["term-end"] !== undefined
      ? startOfLocalDay(date("term-end", values["term-end"].trim()), timeZone)
      : contractAnniversary({ termStartsAt, timeZone }, count("term-years", values["term-years"] ?? "1", 1));
  if (!(termEndsAt > termStartsAt)) throw new Error("--term-end must come after --term-start");
  const seats: Record<string, number> = { core: count("core-seats", required("core-seats", "50"), 0) };
  if (values["viewer-seats"] !== undefined) seats.viewer = count("viewer-seats", values["viewer-seats"], 0);
  let creditsPerCoreSeatMilli: bigint;
  try {
    creditsPerCoreSeatMilli = parseCredits(required("credits-per-seat", "100"), { label: "--credits-per-seat", allowZero: true });
  } catch (error) {
    throw new Error(error instanceof AppError ? error.message : String(error));
  }
  const admin = AddUserInput.safeParse({
    name: required("admin-name", '"Ada Lovelace"'),
    email: required("admin-email", "ada@example.com"),
    role: "tech_admin",
  });
  if (!admin.success) {
    const issue = admin.error.issues[0]!;
    throw new Error(`--admin-${String(issue.path[0])}: ${issue.message}`);
  }
  return { name, timeZone, termStartsAt, termEndsAt, creditsPerCoreSeatMilli, seats, admin: { name: admin.data.name, email: admin.data.email } };
}

/** Whether the newest migration of this checkout has been applied to the database. */
async function isMigrated(db: Database, latest: string | undefined): Promise<boolean> {
  if (latest === undefined) return false;
  try {
    const row = await db.sql.row(
      `SELECT COUNT(*) AS "n" FROM "_prisma_migrations" WHERE "migration_name" = ? AND "finished_at" IS NOT NULL`,
      [latest],
      shape({ n: col.int }),
    );
    return (row?.n ?? 0) > 0;
  } catch {
    return false; // no migrations table: never migrated
  }
}

async function main() {
  let plan: CompanyPlan;
  try {
    plan = parseCompanyArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`company:create: ${error instanceof Error ? error.message : error}`);
    process.exit(2);
  }
  const config = databaseConfig();
  const db = openDatabase(config);
  const now = systemClock.now();
  try {
    // The server migrates (npm start); on SQLite a migration here would wait on the running server.
    if (!(await isMigrated(db, migrationNames(config.provider).at(-1))))
      throw new Error("the database is not migrated to this version of the app: run npm start (or npm run db:migrate) first");
    if (await db.prisma.company.findUnique({ where: { name: plan.name } })) throw new Error(`there is already a company named "${plan.name}"`);
    if (await db.prisma.user.findUnique({ where: { email: plan.admin.email } })) throw new Error(`there is already an account for ${plan.admin.email}`);
    const { admin, ...company } = plan;
    const { companyId } = await createCompany(db.sql, company, now);
    let added: Awaited<ReturnType<typeof addCompanyUser>>;
    try {
      added = await addCompanyUser(db, { userId: null }, { companyId, name: admin.name, email: admin.email, role: "tech_admin" }, now);
    } catch (error) {
      // A company without its admin could not be reached by anyone: take it back (its rows cascade).
      await db.sql.run(`DELETE FROM "Company" WHERE "id" = ?`, [companyId]);
      throw error;
    }
    console.log(`opened ${plan.name} (${companyId}), contract term ${plan.termStartsAt.toISOString()} to ${plan.termEndsAt.toISOString()}`);
    console.log(`its Tech admin ${added.email} signs in with this temporary password, shown once:`);
    console.log(`  ${added.temporaryPassword}`);
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`company:create: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
