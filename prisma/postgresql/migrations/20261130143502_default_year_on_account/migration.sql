-- AlterTable
ALTER TABLE "CreditAccount" ADD COLUMN     "lastDefaultYear" INTEGER;

-- Backfill: the newest contract year whose default grant each account already has.
UPDATE "CreditAccount" SET "lastDefaultYear" = (
  SELECT MAX(g."contractYear") FROM "CreditGrant" g WHERE g."companyId" = "CreditAccount"."companyId" AND g."kind" = 'default'
);
