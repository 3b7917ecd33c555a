-- One index on (state, companyId, expiresAt) serves both reads of held holds, a company's and the
-- expired ones, where two indexes were written by every hold and rewritten by every capture. (The
-- SQLite migration of the same name also makes Hold and HoldAllocation WITHOUT ROWID, which
-- PostgreSQL has no counterpart of.)

-- DropIndex
DROP INDEX "Hold_companyId_state_idx";

-- DropIndex
DROP INDEX "Hold_state_expiresAt_idx";

-- CreateIndex
CREATE INDEX "Hold_state_companyId_expiresAt_idx" ON "Hold"("state", "companyId", "expiresAt");
