-- Fewer B-tree pages written by every charge (each page is a WAL frame at COMMIT).

-- The unique index on reversesEntryId holds refunds only: charges, whose reversesEntryId is
-- NULL, no longer write an entry into it. "reversesEntryId" = ? implies the predicate, so
-- lookups and the uniqueness of refunds are as before.
DROP INDEX "LedgerEntry_reversesEntryId_key";
CREATE UNIQUE INDEX "LedgerEntry_reversesEntryId_key" ON "LedgerEntry"("reversesEntryId") WHERE "reversesEntryId" IS NOT NULL;

-- LedgerAllocation becomes WITHOUT ROWID: its primary key is the table, one B-tree instead of
-- a rowid table beside its key index.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LedgerAllocation" (
    "entryId" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "amountMilli" BIGINT NOT NULL,

    PRIMARY KEY ("entryId", "grantId"),
    CONSTRAINT "LedgerAllocation_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "LedgerEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LedgerAllocation_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "CreditGrant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_LedgerAllocation" ("entryId", "grantId", "amountMilli") SELECT "entryId", "grantId", "amountMilli" FROM "LedgerAllocation";
DROP TABLE "LedgerAllocation";
ALTER TABLE "new_LedgerAllocation" RENAME TO "LedgerAllocation";
CREATE INDEX "LedgerAllocation_grantId_idx" ON "LedgerAllocation"("grantId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
