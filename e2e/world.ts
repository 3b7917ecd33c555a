// The browser tests' fixtures: each test gets a world of its own on the test server's database,
// so no test depends on the demo data's state or on what another test did, and the suite runs
// in parallel and in any order. Fixtures are made only when a test asks for them:
//   company       the test's company (COMPANY_A in world-data.ts): a contract term, default and
//                 purchased credits, months of usage across every feature type, four trackers,
//                 and a Tech admin, a Business admin and a Member, each with a password
//   otherCompany  a second company (COMPANY_B), for "another company is refused" checks
//   sales         a Sales account of the test's own (Sales belong to no company)
//   sql           the worker's connection to the test server's database (ledger.ts)
// Pages wait for hydration after goto and reload (hydrated.ts).
// Names carry the worker index and a timestamp. Sign in with signInAs(page, company.tech).
import type { Page } from "@playwright/test";
import type { SqlDatabase } from "../lib/sql";
import { signIn } from "./fixtures";
import { test as base } from "./hydrated";
import { openE2eSql } from "./ledger";
import { COMPANY_A, COMPANY_B, makeCompany, makeSalesUser, type TestCompany, type TestUser, worldTag } from "./world-data";

export { expect } from "./hydrated";
export type { TestCompany, TestUser } from "./world-data";

type WorldFixtures = { company: TestCompany; otherCompany: TestCompany; sales: TestUser };
type WorkerFixtures = { sql: SqlDatabase };

export const test = base.extend<WorldFixtures, WorkerFixtures>({
  sql: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern; this one has none.
    async ({}, use) => {
      const sql = openE2eSql();
      await use(sql);
      await sql.close();
    },
    { scope: "worker" },
  ],
  company: async ({ sql }, use, testInfo) => {
    await use(await makeCompany(sql, COMPANY_A, worldTag(testInfo.workerIndex)));
  },
  otherCompany: async ({ sql }, use, testInfo) => {
    await use(await makeCompany(sql, COMPANY_B, worldTag(testInfo.workerIndex)));
  },
  sales: async ({ sql }, use, testInfo) => {
    await use(await makeSalesUser(sql, worldTag(testInfo.workerIndex)));
  },
});

/** Signs in through next-auth's API as a user the test made. */
export function signInAs(page: Page, user: TestUser): Promise<void> {
  return signIn(page, user.email, user.password);
}
