-- CreateTable
CREATE TABLE "Hold" (
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
);

-- CreateTable
CREATE TABLE "HoldAllocation" (
    "holdId" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "amountMilli" BIGINT NOT NULL,

    PRIMARY KEY ("holdId", "grantId"),
    CONSTRAINT "HoldAllocation_holdId_fkey" FOREIGN KEY ("holdId") REFERENCES "Hold" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "HoldAllocation_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "CreditGrant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Team_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Budget" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scopeKind" TEXT NOT NULL,
    "scopeValue" TEXT NOT NULL,
    "limitMilli" BIGINT NOT NULL,
    "period" TEXT NOT NULL,
    "createdByUserId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Budget_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BudgetAlert" (
    "budgetId" TEXT NOT NULL,
    "periodStart" TEXT NOT NULL,
    "percent" INTEGER NOT NULL,
    "firedAt" DATETIME NOT NULL,

    PRIMARY KEY ("budgetId", "periodStart", "percent"),
    CONSTRAINT "BudgetAlert_budgetId_fkey" FOREIGN KEY ("budgetId") REFERENCES "Budget" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UsageScopeDay" (
    "companyId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "usageDate" TEXT NOT NULL,
    "creditsMilli" BIGINT NOT NULL,

    PRIMARY KEY ("companyId", "scope", "usageDate"),
    CONSTRAINT "UsageScopeDay_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" TEXT NOT NULL,
    "companyId" TEXT,
    "teamId" TEXT,
    "disabledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "User_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("companyId", "createdAt", "disabledAt", "email", "id", "name", "passwordHash", "role") SELECT "companyId", "createdAt", "disabledAt", "email", "id", "name", "passwordHash", "role" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_companyId_idx" ON "User"("companyId");
CREATE TABLE "new_CreditGrant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amountMilli" BIGINT NOT NULL,
    "remainingMilli" BIGINT NOT NULL,
    "availableFrom" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "heldMilli" BIGINT NOT NULL DEFAULT 0,
    "contractYear" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "CreditGrant_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CreditGrant" ("amountMilli", "availableFrom", "companyId", "contractYear", "createdAt", "expiresAt", "id", "kind", "note", "remainingMilli", "status") SELECT "amountMilli", "availableFrom", "companyId", "contractYear", "createdAt", "expiresAt", "id", "kind", "note", "remainingMilli", "status" FROM "CreditGrant";
DROP TABLE "CreditGrant";
ALTER TABLE "new_CreditGrant" RENAME TO "CreditGrant";
CREATE INDEX "CreditGrant_companyId_status_expiresAt_createdAt_id_idx" ON "CreditGrant"("companyId", "status", "expiresAt", "createdAt", "id");
CREATE UNIQUE INDEX "CreditGrant_companyId_contractYear_key" ON "CreditGrant"("companyId", "contractYear");
CREATE TABLE "new_LedgerEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "kind" TEXT NOT NULL,
    "amountMilli" BIGINT NOT NULL,
    "balanceBeforeMilli" BIGINT NOT NULL,
    "balanceAfterMilli" BIGINT NOT NULL,
    "action" TEXT NOT NULL,
    "grantId" TEXT,
    "idempotencyKey" TEXT,
    "requestHash" TEXT,
    "actorUserId" TEXT,
    "featureType" TEXT NOT NULL DEFAULT '',
    "trackerId" TEXT NOT NULL DEFAULT '',
    "integration" TEXT NOT NULL DEFAULT '',
    "apiKeyId" TEXT NOT NULL DEFAULT '',
    "teamId" TEXT NOT NULL DEFAULT '',
    "referenceId" TEXT NOT NULL DEFAULT '',
    "reversesEntryId" TEXT,
    CONSTRAINT "LedgerEntry_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_LedgerEntry" ("action", "actorUserId", "amountMilli", "at", "balanceAfterMilli", "balanceBeforeMilli", "companyId", "grantId", "id", "idempotencyKey", "kind", "requestHash", "seq") SELECT "action", "actorUserId", "amountMilli", "at", "balanceAfterMilli", "balanceBeforeMilli", "companyId", "grantId", "id", "idempotencyKey", "kind", "requestHash", "seq" FROM "LedgerEntry";
DROP TABLE "LedgerEntry";
ALTER TABLE "new_LedgerEntry" RENAME TO "LedgerEntry";
CREATE INDEX "LedgerEntry_companyId_referenceId_idx" ON "LedgerEntry"("companyId", "referenceId");
CREATE INDEX "LedgerEntry_companyId_at_idx" ON "LedgerEntry"("companyId", "at");
CREATE UNIQUE INDEX "LedgerEntry_companyId_seq_key" ON "LedgerEntry"("companyId", "seq");
CREATE UNIQUE INDEX "LedgerEntry_reversesEntryId_key" ON "LedgerEntry"("reversesEntryId");
CREATE UNIQUE INDEX "LedgerEntry_companyId_idempotencyKey_key" ON "LedgerEntry"("companyId", "idempotencyKey");
CREATE TABLE "new_Purchase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "orderReference" TEXT NOT NULL,
    "creditsMilli" BIGINT NOT NULL,
    "purchasedAt" DATETIME NOT NULL,
    "availableFrom" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "grantId" TEXT NOT NULL,
    "recordedByUserId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "voidedAt" DATETIME,
    "voidReason" TEXT NOT NULL DEFAULT '',
    "voidedByUserId" TEXT,
    CONSTRAINT "Purchase_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Purchase_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "CreditGrant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Purchase" ("availableFrom", "companyId", "createdAt", "creditsMilli", "expiresAt", "grantId", "id", "orderReference", "purchasedAt", "recordedByUserId") SELECT "availableFrom", "companyId", "createdAt", "creditsMilli", "expiresAt", "grantId", "id", "orderReference", "purchasedAt", "recordedByUserId" FROM "Purchase";
DROP TABLE "Purchase";
ALTER TABLE "new_Purchase" RENAME TO "Purchase";
CREATE UNIQUE INDEX "Purchase_orderReference_key" ON "Purchase"("orderReference");
CREATE UNIQUE INDEX "Purchase_grantId_key" ON "Purchase"("grantId");
CREATE INDEX "Purchase_companyId_purchasedAt_idx" ON "Purchase"("companyId", "purchasedAt");
CREATE TABLE "new_Call" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "durationSeconds" INTEGER NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "transcript" TEXT NOT NULL DEFAULT '',
    "receivedAt" DATETIME NOT NULL,
    "aiProcessedAt" DATETIME,
    "ownerEmail" TEXT NOT NULL DEFAULT '',
    "participants" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Call_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Call" ("aiProcessedAt", "companyId", "durationSeconds", "externalId", "id", "receivedAt", "startedAt", "title", "transcript") SELECT "aiProcessedAt", "companyId", "durationSeconds", "externalId", "id", "receivedAt", "startedAt", "title", "transcript" FROM "Call";
DROP TABLE "Call";
ALTER TABLE "new_Call" RENAME TO "Call";
CREATE INDEX "Call_companyId_receivedAt_idx" ON "Call"("companyId", "receivedAt");
CREATE INDEX "Call_companyId_startedAt_idx" ON "Call"("companyId", "startedAt");
CREATE UNIQUE INDEX "Call_companyId_externalId_key" ON "Call"("companyId", "externalId");
CREATE TABLE "new_Email" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "sentAt" DATETIME NOT NULL,
    "subject" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "receivedAt" DATETIME NOT NULL,
    "aiProcessedAt" DATETIME,
    "ownerEmail" TEXT NOT NULL DEFAULT '',
    "participants" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Email_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Email" ("aiProcessedAt", "body", "companyId", "externalId", "id", "receivedAt", "sentAt", "subject") SELECT "aiProcessedAt", "body", "companyId", "externalId", "id", "receivedAt", "sentAt", "subject" FROM "Email";
DROP TABLE "Email";
ALTER TABLE "new_Email" RENAME TO "Email";
CREATE INDEX "Email_companyId_receivedAt_idx" ON "Email"("companyId", "receivedAt");
CREATE INDEX "Email_companyId_sentAt_idx" ON "Email"("companyId", "sentAt");
CREATE UNIQUE INDEX "Email_companyId_externalId_key" ON "Email"("companyId", "externalId");
CREATE TABLE "new_Tracker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "question" TEXT NOT NULL DEFAULT '',
    "phrases" TEXT NOT NULL DEFAULT '',
    "includeCalls" BOOLEAN NOT NULL DEFAULT true,
    "includeEmails" BOOLEAN NOT NULL DEFAULT true,
    "minCallSeconds" INTEGER NOT NULL DEFAULT 0,
    "teamIds" TEXT NOT NULL DEFAULT '',
    "includeDomains" TEXT NOT NULL DEFAULT '',
    "excludeDomains" TEXT NOT NULL DEFAULT '',
    "externalOnly" BOOLEAN NOT NULL DEFAULT false,
    "backfillDays" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "pausedReason" TEXT NOT NULL DEFAULT '',
    "createdByUserId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "publishedAt" DATETIME,
    "pausedAt" DATETIME,
    "resumesAt" DATETIME,
    "processedUntil" DATETIME,
    "leaseOwner" TEXT NOT NULL DEFAULT '',
    "leaseUntil" DATETIME,
    CONSTRAINT "Tracker_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Tracker" ("backfillDays", "companyId", "createdAt", "createdByUserId", "id", "includeCalls", "includeEmails", "leaseOwner", "leaseUntil", "minCallSeconds", "name", "pausedAt", "pausedReason", "phrases", "processedUntil", "publishedAt", "question", "status", "type") SELECT "backfillDays", "companyId", "createdAt", "createdByUserId", "id", "includeCalls", "includeEmails", "leaseOwner", "leaseUntil", "minCallSeconds", "name", "pausedAt", "pausedReason", "phrases", "processedUntil", "publishedAt", "question", "status", "type" FROM "Tracker";
DROP TABLE "Tracker";
ALTER TABLE "new_Tracker" RENAME TO "Tracker";
CREATE INDEX "Tracker_companyId_status_idx" ON "Tracker"("companyId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Hold_companyId_state_idx" ON "Hold"("companyId", "state");

-- CreateIndex
CREATE INDEX "Hold_state_expiresAt_idx" ON "Hold"("state", "expiresAt");

-- CreateIndex
CREATE INDEX "HoldAllocation_grantId_idx" ON "HoldAllocation"("grantId");

-- CreateIndex
CREATE UNIQUE INDEX "Team_companyId_name_key" ON "Team"("companyId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Budget_companyId_name_key" ON "Budget"("companyId", "name");
