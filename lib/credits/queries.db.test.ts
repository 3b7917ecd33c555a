// The credits page's reads on both databases: scoped to one company, bounded by their ranges,
// exact bigint sums.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { charge, refundCharge } from "../billing";
import type { Database } from "../db";
import { listCurrentGrants } from "../ledger/balance";
import { listThresholdFirings, readTeamUsageDays, readUsageDayTotals, sumUsageBetween, TEAM_SERIES } from "./queries";
import { readRunway } from "./read-runway";

const NOW = new Date("2026-11-25T17:00:00Z");
const at = (iso: string) => new Date(iso);

describe.each(PROVIDERS)("credits page reads on %s", (provider) => {
  let db: Database;
  let companyId: string;
  let otherId: string;
  beforeAll(async () => {
    db = await freshDatabase(provider);
    ({ companyId } = await makeCompany(db.sql, at("2026-11-01T12:00:00Z"), { perSeatCredits: 100 }));
    ({ companyId: otherId } = await makeCompany(db.sql, at("2026-11-01T12:00:00Z"), { perSeatCredits: 100 }));
    const ask = { featureType: "ask_anything_api" as const, featureName: "Ask Anything API", usageAction: "request", requests: 1 };
    const mcp = { featureType: "mcp" as const, featureName: "MCP server", usageAction: "ask_anything", integration: "Cursor", requests: 1 };
    await charge(db.sql, companyId, { amountMilli: 100n, action: "Ask Anything API", usage: ask }, at("2026-11-20T15:00:00Z"));
    await charge(db.sql, companyId, { amountMilli: 200n, action: "Ask Anything API", usage: ask }, at("2026-11-20T18:00:00Z"));
    // 2026-11-25 00:30 UTC is still Nov 24 in New York.
    await charge(db.sql, companyId, { amountMilli: 1_500n, action: "MCP server", usage: mcp }, at("2026-11-25T00:30:00Z"));
    await charge(db.sql, otherId, { amountMilli: 7_000n, action: "MCP server", usage: mcp }, at("2026-11-24T15:00:00Z"));
    await db.sql.run(`INSERT INTO "ThresholdState" ("companyId", "percent", "firedAt") VALUES (?, ?, ?), (?, ?, ?)`, [
      companyId,
      80,
      NOW,
      companyId,
      60,
      at("2026-11-10T12:00:00Z"),
    ]);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("reads one company's day totals in a date range, by company-local day", async () => {
    expect(await readUsageDayTotals(db.sql, { companyId, from: "2026-11-01", to: "2026-11-25" })).toEqual([
      { usageDate: "2026-11-20", featureType: "ask_anything_api", creditsMilli: 300n },
      { usageDate: "2026-11-24", featureType: "mcp", creditsMilli: 1_500n },
    ]);
    expect(await readUsageDayTotals(db.sql, { companyId, from: "2026-11-21", to: "2026-11-23" })).toEqual([]);
  });

  it("reads one team's credits per company-local day, its own company's only, refunds taken off", async () => {
    const { companyId: teamCompany } = await makeCompany(db.sql, at("2026-11-01T12:00:00Z"), { perSeatCredits: 100 });
    const usage = { featureType: "ask_anything_api" as const, featureName: "Ask Anything API", usageAction: "request", requests: 1 };
    const book = (amountMilli: bigint, iso: string, teamId?: string, company = teamCompany) =>
      charge(db.sql, company, { amountMilli, action: "Ask Anything API", referenceId: `ref-${iso}-${amountMilli}`, usage: { ...usage, teamId } }, at(iso));
    await book(1_300n, "2026-11-20T15:00:00Z", "team_a");
    await book(700n, "2026-11-20T18:00:00Z", "team_a");
    await book(9_000n, "2026-11-20T18:00:00Z", "team_b");
    await book(4_000n, "2026-11-20T18:00:00Z");
    // 00:30 UTC on the 25th is still the 24th in New York.
    await book(500n, "2026-11-25T00:30:00Z", "team_a");
    await book(2_000n, "2026-11-24T15:00:00Z", "team_a", otherId);
    const range = { companyId: teamCompany, teamId: "team_a", from: "2026-11-01", to: "2026-11-25" };
    expect(await readTeamUsageDays(db.sql, range)).toEqual([
      { usageDate: "2026-11-20", featureType: TEAM_SERIES, creditsMilli: 2_000n },
      { usageDate: "2026-11-24", featureType: TEAM_SERIES, creditsMilli: 500n },
    ]);
    expect(await readTeamUsageDays(db.sql, { ...range, from: "2026-11-21" })).toEqual([
      { usageDate: "2026-11-24", featureType: TEAM_SERIES, creditsMilli: 500n },
    ]);
    await refundCharge(db.sql, { companyId: teamCompany, chargeId: "ref-2026-11-20T15:00:00Z-1300", reason: "test" }, NOW);
    expect((await readTeamUsageDays(db.sql, range))[0]).toEqual({ usageDate: "2026-11-20", featureType: TEAM_SERIES, creditsMilli: 700n });
  });

  it("sums one company's usage between two local dates, both included", async () => {
    expect(await sumUsageBetween(db.sql, { companyId, from: "2026-11-20", to: "2026-11-24" })).toBe(1_800n);
    expect(await sumUsageBetween(db.sql, { companyId, from: "2026-11-21", to: "2026-11-24" })).toBe(1_500n);
    expect(await sumUsageBetween(db.sql, { companyId, from: "2026-11-25", to: "2026-11-25" })).toBe(0n);
  });

  it("lists recorded threshold firings by percent", async () => {
    expect(await listThresholdFirings(db.sql, { companyId })).toEqual([
      { percent: 60, firedAt: at("2026-11-10T12:00:00Z") },
      { percent: 80, firedAt: NOW },
    ]);
    expect(await listThresholdFirings(db.sql, { companyId: otherId })).toEqual([]);
  });

  it("forecasts the runway from the 30 whole days before today and the grants available now", async () => {
    const grants = await listCurrentGrants(db.sql, { companyId, now: NOW });
    // 1.8 credits in 30 days against 1,000 credits that expire within the contract year.
    const runway = await readRunway(db.sql, { companyId, timeZone: "America/New_York", now: NOW, grants });
    expect(runway).toMatchObject({ kind: "expires-first", dailyBurnMilli: 60n });
    // Usage today does not count until the day is over: on Nov 20 that day's 0.3 credits are not in the window yet.
    const on = (iso: string) => readRunway(db.sql, { companyId, timeZone: "America/New_York", now: at(iso), grants });
    expect(await on("2026-11-20T20:00:00Z")).toEqual({ kind: "no-usage", windowDays: 30 });
    expect(await on("2026-11-21T20:00:00Z")).toMatchObject({ kind: "expires-first", dailyBurnMilli: 10n });
  });
});
