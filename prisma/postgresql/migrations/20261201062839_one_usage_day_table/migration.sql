-- The credits used per day and feature type move from a table of their own (UsageDayTotal) into
-- the per-day scope rows (UsageScopeDay, usedMilli on the feature scopes), which every charge
-- writes anyway: one table fewer, one statement and one index page fewer a charge.

-- AlterTable
ALTER TABLE "UsageScopeDay" ADD COLUMN "usedMilli" BIGINT NOT NULL DEFAULT 0;

-- The total of each day becomes the usedMilli of its feature scope. A day with no scope row (usage before
-- the budgets migration wrote them) gets one that budgets count as before: with creditsMilli 0.
INSERT INTO "UsageScopeDay" ("companyId", "scope", "usageDate", "creditsMilli", "usedMilli")
SELECT "companyId", 'feature:' || "featureType", "usageDate", 0, "creditsMilli" FROM "UsageDayTotal" WHERE true
ON CONFLICT ("companyId", "scope", "usageDate") DO UPDATE SET "usedMilli" = excluded."usedMilli";

-- DropForeignKey
ALTER TABLE "UsageDayTotal" DROP CONSTRAINT "UsageDayTotal_companyId_fkey";

-- DropTable
DROP TABLE "UsageDayTotal";
