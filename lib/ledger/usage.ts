// Usage records: what each charge did, summed per company-local day, feature, action,
// integration and user (one row of the Credit usage report), plus the per-day totals per scope
// (feature, tracker, integration, API key, team): net of refunds for budgets, and on the feature
// scopes as charged too, for the credits page's chart. Charges add to a buffer that is written
// once per transaction, so a batch of a thousand tracker charges is a few upserts.
import { createId } from "../ids";
import { type Query, q, type SqlValue, TextsByCount, valueTuples } from "../sql";
import { formatLocalDate } from "../time/zoned";
import { crashPoint } from "./crash-points";
import { scopeOfFeature, scopesOf } from "./scopes";
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

const ADD_TO_SCOPE_DAYS = new TextsByCount(
  (count) => `INSERT INTO "UsageScopeDay" ("companyId", "scope", "usageDate", "creditsMilli", "usedMilli") VALUES ${valueTuples(count, 5)}
              ON CONFLICT ("companyId", "scope", "usageDate") DO UPDATE SET
                "creditsMilli" = "UsageScopeDay"."creditsMilli" + excluded."creditsMilli",
                "usedMilli" = "UsageScopeDay"."usedMilli" + excluded."usedMilli"`,
);

type ScopeDay = { usageDate: string; scope: string; creditsMilli: bigint; usedMilli: bigint };

export class UsageBuffer {
  private rows = new Map<string, Pending>();
  private scopeDays = new Map<string, ScopeDay>();
  // A batch shares one instant: its local date is worked out once.
  private lastAt = 0;
  private lastDate = "";

  constructor(private readonly timeZone: string) {}

  private localDate(at: Date): string {
    if (at.getTime() !== this.lastAt) {
      this.lastAt = at.getTime();
      this.lastDate = formatLocalDate(at, this.timeZone);
    }
    return this.lastDate;
  }

  add(u: UsageDescriptor, creditsMilli: bigint, at: Date) {
    const usageDate = this.localDate(at);
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
    this.addToScopes(u, creditsMilli, creditsMilli, usageDate);
  }

  /**
   * A refund gives its credits back to the budgets' scopes on the day the charge was made; what
   * was used that day, as the usage report and the chart show it, stays.
   */
  subtract(u: Pick<UsageDescriptor, "featureType" | "trackerId" | "integration" | "apiKeyId" | "teamId">, creditsMilli: bigint, chargedAt: Date) {
    this.addToScopes(u, -creditsMilli, 0n, this.localDate(chargedAt));
  }

  private addToScopes(
    u: Pick<UsageDescriptor, "featureType" | "trackerId" | "integration" | "apiKeyId" | "teamId">,
    creditsMilli: bigint,
    usedMilli: bigint,
    usageDate: string,
  ) {
    const featureScope = scopeOfFeature(u.featureType);
    for (const scope of scopesOf(u)) {
      const key = `${scope}\u0000${usageDate}`;
      let day = this.scopeDays.get(key);
      if (!day) {
        day = { usageDate, scope, creditsMilli: 0n, usedMilli: 0n };
        this.scopeDays.set(key, day);
      }
      day.creditsMilli += creditsMilli;
      // Kept on the feature's scope only: the chart reads it by feature type.
      if (scope === featureScope) day.usedMilli += usedMilli;
    }
  }

  *flush(companyId: string): Query<void> {
    crashPoint("before-usage-rollup");
    for (const r of this.rows.values()) {
      yield* q.write(
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
    const days = [...this.scopeDays.values()].filter((d) => d.creditsMilli !== 0n || d.usedMilli !== 0n);
    if (days.length > 0) {
      // One statement for every scope a batch touched: keys are distinct, as an upsert of many rows needs.
      const params: SqlValue[] = [];
      for (const d of days) params.push(companyId, d.scope, d.usageDate, d.creditsMilli, d.usedMilli);
      yield* q.write(ADD_TO_SCOPE_DAYS.of(days.length), params);
    }
    this.rows.clear();
    this.scopeDays.clear();
  }
}
