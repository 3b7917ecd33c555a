// Usage records: what each charge did, summed per company-local day, feature, action,
// integration and user (one row of the Credit usage report). Charges add to a buffer that is
// written once per transaction, so a batch of a thousand tracker charges is a few upserts.
import { createId } from "../ids";
import { type Query, q } from "../sql";
import { formatLocalDate } from "../time/zoned";
import { crashPoint } from "./crash-points";
import type { UsageDescriptor } from "./types";

type Pending = {
  usageDate: string;
  u: UsageDescriptor;
  creditsMilli: bigint;
  calls: number;
  emails: number;
  webSearches: number;
  requests: number;
  firstAt: Date;
  lastAt: Date;
};

export class UsageBuffer {
  private rows = new Map<string, Pending>();
  // A batch shares one instant: its local date is worked out once.
  private lastAt = 0;
  private lastDate = "";

  constructor(private readonly timeZone: string) {}

  add(u: UsageDescriptor, creditsMilli: bigint, at: Date) {
    if (at.getTime() !== this.lastAt) {
      this.lastAt = at.getTime();
      this.lastDate = formatLocalDate(at, this.timeZone);
    }
    const usageDate = this.lastDate;
    const key = [usageDate, u.featureType, u.featureName, u.usageAction, u.integration ?? "", u.userId ?? ""].join("\u0000");
    let row = this.rows.get(key);
    if (!row) {
      row = { usageDate, u, creditsMilli: 0n, calls: 0, emails: 0, webSearches: 0, requests: 0, firstAt: at, lastAt: at };
      this.rows.set(key, row);
    }
    row.creditsMilli += creditsMilli;
    row.calls += u.calls ?? 0;
    row.emails += u.emails ?? 0;
    row.webSearches += u.webSearches ?? 0;
    row.requests += u.requests ?? 0;
    if (at > row.lastAt) row.lastAt = at;
  }

  *flush(companyId: string): Query<void> {
    crashPoint("before-usage-rollup");
    const dayTotals = new Map<string, { usageDate: string; featureType: string; creditsMilli: bigint }>();
    for (const r of this.rows.values()) {
      const key = `${r.usageDate}\u0000${r.u.featureType}`;
      const total = dayTotals.get(key) ?? { usageDate: r.usageDate, featureType: r.u.featureType, creditsMilli: 0n };
      total.creditsMilli += r.creditsMilli;
      dayTotals.set(key, total);
      yield* q.run(
        `INSERT INTO "UsageRecord" ("id", "companyId", "usageDate", "featureType", "featureName", "usageAction", "integration", "userId", "creditsMilli", "calls", "emails", "webSearches", "requests", "firstAt", "lastAt")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT ("companyId", "usageDate", "featureType", "featureName", "usageAction", "integration", "userId") DO UPDATE SET
           "creditsMilli" = "UsageRecord"."creditsMilli" + excluded."creditsMilli",
           "calls" = "UsageRecord"."calls" + excluded."calls",
           "emails" = "UsageRecord"."emails" + excluded."emails",
           "webSearches" = "UsageRecord"."webSearches" + excluded."webSearches",
           "requests" = "UsageRecord"."requests" + excluded."requests",
           "lastAt" = excluded."lastAt"`,
        [
          createId("usage", r.firstAt),
          companyId,
          r.usageDate,
          r.u.featureType,
          r.u.featureName,
          r.u.usageAction,
          r.u.integration ?? "",
          r.u.userId ?? "",
          r.creditsMilli,
          r.calls,
          r.emails,
          r.webSearches,
          r.requests,
          r.firstAt,
          r.lastAt,
        ],
      );
    }
    for (const t of dayTotals.values()) {
      yield* q.run(
        `INSERT INTO "UsageDayTotal" ("companyId", "usageDate", "featureType", "creditsMilli") VALUES (?, ?, ?, ?)
         ON CONFLICT ("companyId", "usageDate", "featureType") DO UPDATE SET "creditsMilli" = "UsageDayTotal"."creditsMilli" + excluded."creditsMilli"`,
        [companyId, t.usageDate, t.featureType, t.creditsMilli],
      );
    }
    this.rows.clear();
  }
}
