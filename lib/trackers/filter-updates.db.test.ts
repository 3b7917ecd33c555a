// Changing a tracker's filters (R-TRACK-3) on SQLite and PostgreSQL: the new filters are
// stored and audited, team ids must be the company's own, the change reaches the backlog (items
// the old filters left out are looked at again) as well as new data, and company B is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import { recordPurchase } from "../billing";
import type { Database } from "../db";
import { createId } from "../ids";
import { ingestCalls } from "../ingest";
import { TrackerDraft, TrackerFiltersUpdate } from "./schemas";
import { createDraft, estimateTracker, publishTracker, updateTrackerFilters } from "./trackers";
import { processTrackers } from "./worker";

const T0 = new Date("2026-06-01T12:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe.each(PROVIDERS)("tracker filter changes on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  async function company() {
    const { companyId } = await makeCompany(db.sql, T0, { coreSeats: 0 });
    await recordPurchase(db.sql, { companyId, creditsMilli: 100_000n, orderReference: `po-${companyId}`, purchasedAt: T0, availableFrom: T0 }, T0);
    const teamId = createId("team", T0);
    await db.prisma.team.create({ data: { id: teamId, companyId, name: "Enterprise", createdAt: T0 } });
    const admin = createId("user", T0);
    const domain = `${companyId.toLowerCase()}.test`;
    await db.prisma.user.create({ data: { id: admin, email: `admin@${domain}`, name: "Admin", role: "tech_admin", companyId, teamId } });
    return { companyId, teamId, admin, domain };
  }
  const draft = (companyId: string, userId: string, extra: Record<string, unknown> = {}) =>
    createDraft(db, {
      companyId,
      userId,
      draft: TrackerDraft.parse({ name: "Pricing", type: "question", question: "Did they discuss pricing?", backfillDays: 7, ...extra }),
      now: T0,
    });
  const filters = (trackerId: string, form: Record<string, unknown>) => {
    const { trackerId: _, ...parsed } = TrackerFiltersUpdate.parse({ trackerId, ...form });
    return parsed;
  };

  it("stores the filters, audits the change, and writes nothing when nothing changes", async () => {
    const c = await company();
    const tracker = await draft(c.companyId, c.admin);
    const change = { companyId: c.companyId, trackerId: tracker.id, userId: c.admin, now: at(1) };
    const next = filters(tracker.id, {
      includeEmails: false,
      minCallMinutes: "5",
      teamIds: [c.teamId],
      includeDomains: "Customer.com, @partner.io",
      excludeDomains: "competitor.com",
      externalOnly: true,
    });
    expect(await updateTrackerFilters(db, { ...change, filters: next })).toMatchObject({ changed: true });
    const stored = await db.prisma.tracker.findUniqueOrThrow({ where: { id: tracker.id } });
    expect(stored).toMatchObject({
      includeCalls: true,
      includeEmails: false,
      minCallSeconds: 300,
      teamIds: c.teamId,
      includeDomains: "customer.com\npartner.io",
      excludeDomains: "competitor.com",
      externalOnly: true,
    });
    const entries = await db.prisma.auditEntry.findMany({ where: { companyId: c.companyId, action: "tracker.update_filters" } });
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.before)).toMatchObject({ includeEmails: true, minCallSeconds: 0, externalOnly: false, teamIds: "" });
    expect(JSON.parse(entries[0]!.after)).toMatchObject({ includeEmails: false, minCallSeconds: 300, externalOnly: true, teamIds: c.teamId });

    expect(await updateTrackerFilters(db, { ...change, filters: next })).toMatchObject({ changed: false });
    expect(await db.prisma.auditEntry.count({ where: { companyId: c.companyId, action: "tracker.update_filters" } })).toBe(1);
  });

  it("changes the backfill of a draft, which the estimate then counts, and refuses it once the tracker is published", async () => {
    const c = await company();
    await ingestCalls(db.sql, {
      companyId: c.companyId,
      calls: [
        { externalId: "old", startedAt: new Date(T0.getTime() - 20 * 86_400_000).toISOString(), durationSeconds: 300 },
        { externalId: "recent", startedAt: new Date(T0.getTime() - 2 * 86_400_000).toISOString(), durationSeconds: 300 },
      ],
      now: T0,
    });
    const tracker = await draft(c.companyId, c.admin);
    const change = { companyId: c.companyId, trackerId: tracker.id, userId: c.admin, now: at(1) };
    expect((await estimateTracker(db, { companyId: c.companyId, trackerId: tracker.id, now: at(1) })).backfillItems).toBe(1);

    const longer = await updateTrackerFilters(db, { ...change, filters: filters(tracker.id, { backfillDays: "30" }) });
    expect(longer).toMatchObject({ changed: true, backfillDays: 30 });
    expect((await estimateTracker(db, { companyId: c.companyId, trackerId: tracker.id, now: at(1) })).backfillItems).toBe(2);
    const audit = await db.prisma.auditEntry.findFirstOrThrow({ where: { companyId: c.companyId, action: "tracker.update_filters" } });
    expect(JSON.parse(audit.before)).toMatchObject({ backfillDays: 7 });
    expect(JSON.parse(audit.after)).toMatchObject({ backfillDays: 30 });
    // Left out, it stays as it is.
    expect(await updateTrackerFilters(db, { ...change, filters: filters(tracker.id, {}) })).toMatchObject({ changed: false, backfillDays: 30 });

    await publishTracker(db, { ...change, now: at(2) });
    await expect(updateTrackerFilters(db, { ...change, filters: filters(tracker.id, { backfillDays: "60" }) })).rejects.toMatchObject({
      code: "invalid_request",
      field: "backfillDays",
      message: 'The backfill of "Pricing" changes only while it is a draft or unpublished: unpublish it first, then publish it again with the new estimate.',
    });
    expect((await db.prisma.tracker.findUniqueOrThrow({ where: { id: tracker.id } })).backfillDays).toBe(30);
    // The same backfill with other filters is no change of backfill.
    expect(await updateTrackerFilters(db, { ...change, filters: filters(tracker.id, { backfillDays: "30", includeEmails: false }) })).toMatchObject({
      changed: true,
    });
  });

  it("refuses team ids the company does not have, in a draft and in a change", async () => {
    const a = await company();
    const b = await company();
    await expect(draft(a.companyId, a.admin, { teamIds: [b.teamId] })).rejects.toMatchObject({ code: "not_found", field: "teamIds" });
    const tracker = await draft(a.companyId, a.admin, { teamIds: [a.teamId] });
    const change = { companyId: a.companyId, trackerId: tracker.id, userId: a.admin, now: at(1) };
    await expect(updateTrackerFilters(db, { ...change, filters: filters(tracker.id, { teamIds: [a.teamId, b.teamId] }) })).rejects.toMatchObject({
      code: "not_found",
      field: "teamIds",
    });
    expect((await db.prisma.tracker.findUniqueOrThrow({ where: { id: tracker.id } })).teamIds).toBe(a.teamId);
  });

  it("refuses company B a change to company A's tracker", async () => {
    const a = await company();
    const b = await company();
    const tracker = await draft(a.companyId, a.admin);
    const bChange = { companyId: b.companyId, trackerId: tracker.id, userId: b.admin, now: at(1) };
    await expect(updateTrackerFilters(db, { ...bChange, filters: filters(tracker.id, { externalOnly: true }) })).rejects.toMatchObject({ code: "not_found" });
    expect((await db.prisma.tracker.findUniqueOrThrow({ where: { id: tracker.id } })).externalOnly).toBe(false);
  });

  it("applies to the backlog: the items the old filters left out are taken once the filters let them through", async () => {
    const c = await company();
    const call = (n: number, participants: string[]) => ({
      externalId: `c${n}`,
      startedAt: new Date(T0.getTime() - 86_400_000).toISOString(),
      durationSeconds: 1200,
      transcript: "pricing",
      ownerEmail: `admin@${c.domain}`,
      participants,
    });
    await ingestCalls(db.sql, {
      companyId: c.companyId,
      calls: [call(1, [`admin@${c.domain}`, "buyer@customer.com"]), call(2, [`admin@${c.domain}`]), call(3, ["cfo@customer.com"])],
      now: T0,
    });
    const tracker = await draft(c.companyId, c.admin, { includeEmails: false, externalOnly: true });
    expect((await estimateTracker(db, { companyId: c.companyId, trackerId: tracker.id, now: at(1) })).backfillItems).toBe(2);
    await publishTracker(db, { companyId: c.companyId, trackerId: tracker.id, userId: c.admin, now: at(1) });
    expect(await processTrackers(db, { now: at(2), companyId: c.companyId })).toMatchObject({ processed: 3, charged: 2 });
    const taken = () => db.prisma.trackerResult.count({ where: { trackerId: tracker.id, filteredOut: false } });
    expect(await taken()).toBe(2);

    // Internal calls too, now: the call left out is looked at again and taken (and charged).
    const change = { companyId: c.companyId, trackerId: tracker.id, userId: c.admin, now: at(3) };
    await updateTrackerFilters(db, { ...change, filters: filters(tracker.id, { includeEmails: false, externalOnly: false, teamIds: [c.teamId] }) });
    expect(await processTrackers(db, { now: at(4), companyId: c.companyId })).toMatchObject({ processed: 1, charged: 1 });
    expect(await taken()).toBe(3);

    // Narrower again: nothing already taken is charged twice or undone, and new data follows the filters.
    await updateTrackerFilters(db, { ...change, now: at(5), filters: filters(tracker.id, { includeEmails: false, includeDomains: "customer.com" }) });
    await ingestCalls(db.sql, { companyId: c.companyId, calls: [{ ...call(4, [`admin@${c.domain}`]), startedAt: at(6).toISOString() }], now: at(6) });
    expect(await processTrackers(db, { now: at(7), companyId: c.companyId })).toMatchObject({ processed: 1, charged: 0 });
    expect(await taken()).toBe(3);
  });
});
