-- The index of held holds keeps held holds only (a partial index: the Prisma schema still names
-- its columns). A capture or a release then takes its hold out of the index instead of moving it
-- to the captured or released part, one page written where two were, and the index stays as
-- small as the requests in flight instead of growing with every request ever held. Both of its
-- reads ask for "state" = 'held' in so many words, as a partial index needs.

-- DropIndex
DROP INDEX "Hold_state_companyId_expiresAt_idx";

-- CreateIndex
CREATE INDEX "Hold_state_companyId_expiresAt_idx" ON "Hold"("state", "companyId", "expiresAt") WHERE "state" = 'held';
