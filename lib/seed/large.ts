// A large company for benchmarks: N usage rows over the last year (one per day, feature and
// user), each from a real charge through lib/ledger, so the ledger, the usage rows and the
// balance agree exactly as they would in production.

import { type ChargeRequest, chargeMany, createCompany, type FeatureType } from "../billing";
import type { Database } from "../db";
import { createId } from "../ids";
import { q } from "../sql";
import { DAY, HOUR, makeRandom } from "./random";

const FEATURES: Array<{ featureType: FeatureType; featureName: string; usageAction: string; integration: string }> = [
  { featureType: "ask_anything_api", featureName: "Ask Anything API", usageAction: "request", integration: "" },
  { featureType: "briefer_api", featureName: "Briefer API", usageAction: "generate_brief", integration: "" },
  { featureType: "mcp", featureName: "MCP server", usageAction: "ask_anything", integration: "Claude Desktop" },
  { featureType: "mcp", featureName: "MCP server", usageAction: "generate_brief", integration: "Cursor" },
];

export async function seedLargeCompany(db: Database, { usageRows, now, name = "Initech (benchmark)" }: { usageRows: number; now: Date; name?: string }) {
  const days = 365;
  const perDay = Math.ceil(usageRows / days);
  const userCount = Math.ceil(perDay / FEATURES.length);
  const start = new Date(now.getTime() - days * DAY);
  const termStartsAt = new Date(start.getTime() - DAY);
  const termEndsAt = new Date(termStartsAt);
  termEndsAt.setUTCFullYear(termEndsAt.getUTCFullYear() + 3);
  // Enough default credits for a year of this: at most 3 credits a row.
  const coreSeats = Math.ceil((perDay * days * 3) / 1000) + 1;
  const { companyId } = await createCompany(
    db.sql,
    { name, timeZone: "America/Chicago", termStartsAt, termEndsAt, creditsPerCoreSeatMilli: 1_000_000n, seats: { core: coreSeats } },
    start,
  );
  const userIds = Array.from({ length: userCount }, () => createId("user", start));
  await db.sql.transaction(function* () {
    for (const [i, id] of userIds.entries()) {
      yield* q.run(`INSERT INTO "User" ("id", "email", "name", "role", "companyId", "createdAt") VALUES (?, ?, ?, 'member', ?, ?)`, [
        id,
        `user${i}.${companyId}@initech.test`,
        `Initech user ${i}`,
        companyId,
        start,
      ]);
    }
  });
  const random = makeRandom(name);
  let made = 0;
  for (let d = 0; d < days && made < usageRows; d++) {
    const at = new Date(start.getTime() + d * DAY + 12 * HOUR);
    const batch: ChargeRequest[] = [];
    for (let u = 0; u < userCount && made < usageRows; u++) {
      for (const f of FEATURES) {
        if (made >= usageRows) break;
        const calls = random.int(0, 2);
        const emails = random.int(1, 10);
        batch.push({
          amountMilli: BigInt(calls) * 1000n + BigInt(emails) * 100n,
          action: f.featureName,
          actorUserId: userIds[u],
          usage: { ...f, userId: userIds[u], calls, emails, requests: 1 },
        });
        made++;
      }
    }
    for (let i = 0; i < batch.length; i += 5000) await chargeMany(db.sql, companyId, batch.slice(i, i + 5000), at);
  }
  return { companyId, name };
}
