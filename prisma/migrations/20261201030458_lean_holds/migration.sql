-- Holds write fewer B-tree pages (each page is a WAL frame at COMMIT).

-- Hold and HoldAllocation become WITHOUT ROWID: each is one B-tree ordered by its primary key
-- instead of a rowid table beside its key index. Hold ids sort by creation time, so new holds go
-- at the right edge of the tree.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Hold" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "amountMilli" BIGINT NOT NULL,
    "state" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "settledAt" DATETIME,
    "entryId" TEXT,
    "action" TEXT NOT NULL,
    "ledgerKey" TEXT,
    "requestHash" TEXT NOT NULL DEFAULT '',
    "actorUserId" TEXT,
    "featureType" TEXT NOT NULL,
    "featureName" TEXT NOT NULL,
    "usageAction" TEXT NOT NULL,
    "integration" TEXT NOT NULL DEFAULT '',
    "apiKeyId" TEXT NOT NULL DEFAULT '',
    "teamId" TEXT NOT NULL DEFAULT '',
    "calls" INTEGER NOT NULL DEFAULT 0,
    "emails" INTEGER NOT NULL DEFAULT 0,
    "requests" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Hold_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_Hold" ("id", "companyId", "amountMilli", "state", "createdAt", "expiresAt", "settledAt", "entryId", "action", "ledgerKey", "requestHash", "actorUserId", "featureType", "featureName", "usageAction", "integration", "apiKeyId", "teamId", "calls", "emails", "requests") SELECT "id", "companyId", "amountMilli", "state", "createdAt", "expiresAt", "settledAt", "entryId", "action", "ledgerKey", "requestHash", "actorUserId", "featureType", "featureName", "usageAction", "integration", "apiKeyId", "teamId", "calls", "emails", "requests" FROM "Hold";
CREATE TABLE "new_HoldAllocation" (
    "holdId" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "amountMilli" BIGINT NOT NULL,

    PRIMARY KEY ("holdId", "grantId"),
    CONSTRAINT "HoldAllocation_holdId_fkey" FOREIGN KEY ("holdId") REFERENCES "Hold" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "HoldAllocation_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "CreditGrant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_HoldAllocation" ("holdId", "grantId", "amountMilli") SELECT "holdId", "grantId", "amountMilli" FROM "HoldAllocation";
DROP TABLE "HoldAllocation";
DROP TABLE "Hold";
ALTER TABLE "new_Hold" RENAME TO "Hold";
ALTER TABLE "new_HoldAllocation" RENAME TO "HoldAllocation";
CREATE INDEX "HoldAllocation_grantId_idx" ON "HoldAllocation"("grantId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- One index on (state, companyId, expiresAt) serves both reads of held holds, a company's and the
-- expired ones, where two indexes were written by every hold and rewritten by every capture.
CREATE INDEX "Hold_state_companyId_expiresAt_idx" ON "Hold"("state", "companyId", "expiresAt");
