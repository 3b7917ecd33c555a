-- AlterTable
ALTER TABLE "IdempotentRequest" ADD COLUMN "leaseUntil" DATETIME;

-- CreateTable
CREATE TABLE "McpSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "clientName" TEXT NOT NULL,
    "clientVersion" TEXT NOT NULL DEFAULT '',
    "protocolVersion" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL,
    "lastUsedAt" DATETIME NOT NULL,
    CONSTRAINT "McpSession_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "email" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStartsAt" DATETIME NOT NULL,
    "lockedUntil" DATETIME,
    "lockouts" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "backfillDays" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "pausedReason" TEXT NOT NULL DEFAULT '',
    "createdByUserId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "publishedAt" DATETIME,
    "pausedAt" DATETIME,
    "processedUntil" DATETIME,
    "leaseOwner" TEXT NOT NULL DEFAULT '',
    "leaseUntil" DATETIME,
    CONSTRAINT "Tracker_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Tracker" ("backfillDays", "companyId", "createdAt", "createdByUserId", "id", "includeCalls", "includeEmails", "minCallSeconds", "name", "pausedAt", "pausedReason", "phrases", "processedUntil", "publishedAt", "question", "status", "type") SELECT "backfillDays", "companyId", "createdAt", "createdByUserId", "id", "includeCalls", "includeEmails", "minCallSeconds", "name", "pausedAt", "pausedReason", "phrases", "processedUntil", "publishedAt", "question", "status", "type" FROM "Tracker";
DROP TABLE "Tracker";
ALTER TABLE "new_Tracker" RENAME TO "Tracker";
CREATE INDEX "Tracker_companyId_status_idx" ON "Tracker"("companyId", "status");
CREATE TABLE "new_Brief" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "companyId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "automated" BOOLEAN NOT NULL DEFAULT false,
    "intervalHours" INTEGER NOT NULL DEFAULT 24,
    "lastGeneratedAt" DATETIME,
    "lastSkippedAt" DATETIME,
    "lastSkippedReason" TEXT NOT NULL DEFAULT '',
    "createdByUserId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "leaseOwner" TEXT NOT NULL DEFAULT '',
    "leaseUntil" DATETIME,
    CONSTRAINT "Brief_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Brief" ("automated", "companyId", "createdAt", "createdByUserId", "id", "intervalHours", "lastGeneratedAt", "lastSkippedAt", "lastSkippedReason", "title") SELECT "automated", "companyId", "createdAt", "createdByUserId", "id", "intervalHours", "lastGeneratedAt", "lastSkippedAt", "lastSkippedReason", "title" FROM "Brief";
DROP TABLE "Brief";
ALTER TABLE "new_Brief" RENAME TO "Brief";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "McpSession_lastUsedAt_idx" ON "McpSession"("lastUsedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CreditGrant_companyId_contractYear_key" ON "CreditGrant"("companyId", "contractYear");
