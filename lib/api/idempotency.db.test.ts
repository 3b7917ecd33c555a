// Idempotency records: a repeat within the window answers the first response; old records go.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCompany } from "../../test/support/companies";
import { freshDatabase, PROVIDERS } from "../../test/support/databases";
import type { Database } from "../db";
import { AppError } from "../errors";
import { purgeIdempotencyRecords, withIdempotency } from "./idempotency";

const NOW = new Date("2026-09-01T10:00:00Z");

describe.each(PROVIDERS)("idempotency records on %s", (provider) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(provider);
  });
  afterAll(async () => {
    await db?.close();
  });

  it("replays the first response, refuses another body, frees the key after a failure, and purges old records", async () => {
    const { companyId } = await makeCompany(db.sql, NOW);
    let runs = 0;
    const run = async () => ({ status: 200, body: `{"n":${++runs}}` });
    expect(await withIdempotency(db.sql, { companyId, key: "k", hash: "h", now: NOW }, run)).toEqual({ status: 200, body: '{"n":1}' });
    expect(await withIdempotency(db.sql, { companyId, key: "k", hash: "h", now: NOW }, run)).toEqual({ status: 200, body: '{"n":1}' });
    await expect(withIdempotency(db.sql, { companyId, key: "k", hash: "other", now: NOW }, run)).rejects.toMatchObject({ code: "idempotency_conflict" });
    await expect(
      withIdempotency(db.sql, { companyId, key: "f", hash: "h", now: NOW }, async () => {
        throw new AppError("insufficient_credits", "short");
      }),
    ).rejects.toMatchObject({ code: "insufficient_credits" });
    expect(await withIdempotency(db.sql, { companyId, key: "f", hash: "h", now: NOW }, run)).toEqual({ status: 200, body: '{"n":2}' });
    expect(await purgeIdempotencyRecords(db.sql, new Date(NOW.getTime() + 6 * 86_400_000))).toBe(0);
    expect(await purgeIdempotencyRecords(db.sql, new Date(NOW.getTime() + 8 * 86_400_000))).toBe(2);
    expect(runs).toBe(2);
  });
});
