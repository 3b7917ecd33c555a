// The usage banner (components/notify/usage-banner.tsx) against a real database: nothing below
// 90% used, the percent and what remains from 90%, and what has stopped at 100%.
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany, TEST_USAGE } from "../../test/support/companies";
import { freshDatabaseUrl } from "../../test/support/databases";
import { charge } from "../billing";
import type { Database } from "../db";

let db: Database;
let UsageBanner: typeof import("../../components/notify/usage-banner").UsageBanner;

beforeAll(async () => {
  // The banner reads the process's database, as on a page.
  process.env.DATABASE_URL = await freshDatabaseUrl("sqlite");
  db = (await import("../db")).getDatabase();
  ({ UsageBanner } = await import("../../components/notify/usage-banner"));
});

afterAll(async () => {
  await db?.close();
});

async function banner(companyId: string): Promise<string> {
  const element = await UsageBanner({ companyId });
  return element ? renderToStaticMarkup(element) : "";
}

describe("UsageBanner", () => {
  it("appears at 90% with the percent and what remains, and at 100% says what stopped", async () => {
    const now = new Date();
    const { companyId } = await makeCompany(db.sql, now, { coreSeats: 1, perSeatCredits: 1000 });
    const spend = (amountMilli: bigint) => charge(db.sql, companyId, { amountMilli, action: "Test", usage: TEST_USAGE }, now);
    expect(await banner(companyId)).toBe("");
    await spend(899_999n);
    expect(await banner(companyId)).toBe(""); // 89.9999% rounds down
    await spend(1n);
    const ninety = await banner(companyId);
    expect(ninety).toContain('role="status"');
    expect(ninety).toContain("90% of your company’s credits are used");
    expect(ninety).toContain("100 of 1,000 credits remain");
    expect(ninety).toContain("contact your account team");
    await spend(100_000n);
    const all = await banner(companyId);
    expect(all).toContain("All of your company’s credits are used");
    expect(all).toContain("question-based trackers are paused");
  });
});
