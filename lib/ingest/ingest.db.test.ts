// Ingestion on both databases: new ids accepted, known ones (and repeats in a batch) counted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import type { Database } from "../db";
import { ingestCalls, ingestEmails } from "./index";

const NOW = new Date("2026-10-01T12:00:00Z");

describe.each(PROVIDERS)("ingestion on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("accepts new ids, counts known ones and repeats, and keeps each company's apart", async () => {
    const a = await makeCompany(db.sql, NOW);
    const b = await makeCompany(db.sql, NOW);
    const call = (externalId: string, title = "") => ({ externalId, startedAt: NOW.toISOString(), durationSeconds: 60, title });
    expect(await ingestCalls(db.sql, { companyId: a.companyId, calls: [call("x"), call("y"), call("x", "again")], now: NOW })).toEqual({
      accepted: 2,
      alreadyKnown: 1,
    });
    expect(await ingestCalls(db.sql, { companyId: a.companyId, calls: [call("y"), call("z")], now: NOW })).toEqual({ accepted: 1, alreadyKnown: 1 });
    expect(await ingestCalls(db.sql, { companyId: b.companyId, calls: [call("x")], now: NOW })).toEqual({ accepted: 1, alreadyKnown: 0 });
    const stored = await db.prisma.call.findMany({ where: { companyId: a.companyId }, orderBy: { externalId: "asc" } });
    expect(stored.map((c) => [c.externalId, c.title])).toEqual([
      ["x", ""],
      ["y", ""],
      ["z", ""],
    ]);
    const many = Array.from({ length: 450 }, (_, i) => ({ externalId: `m${i}`, sentAt: NOW.toISOString(), subject: `s${i}` }));
    expect(await ingestEmails(db.sql, { companyId: a.companyId, emails: many, now: NOW })).toEqual({ accepted: 450, alreadyKnown: 0 });
    expect(await ingestEmails(db.sql, { companyId: a.companyId, emails: many, now: NOW })).toEqual({ accepted: 0, alreadyKnown: 450 });
  });
});
