-- The unique index on reversesEntryId holds refunds only: charges, whose reversesEntryId is
-- NULL, no longer write an entry into it. "reversesEntryId" = $1 implies the predicate, so
-- lookups and the uniqueness of refunds are as before. (The SQLite migration of the same name
-- also makes LedgerAllocation WITHOUT ROWID, which PostgreSQL has no counterpart of.)
DROP INDEX "LedgerEntry_reversesEntryId_key";
CREATE UNIQUE INDEX "LedgerEntry_reversesEntryId_key" ON "LedgerEntry"("reversesEntryId") WHERE "reversesEntryId" IS NOT NULL;
