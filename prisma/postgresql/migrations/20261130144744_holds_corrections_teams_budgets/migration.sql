-- AlterTable
ALTER TABLE "User" ADD COLUMN     "teamId" TEXT;

-- AlterTable
ALTER TABLE "CreditGrant" ADD COLUMN     "heldMilli" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN     "apiKeyId" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "featureType" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "integration" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "referenceId" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "reversesEntryId" TEXT,
ADD COLUMN     "teamId" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "trackerId" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Purchase" ADD COLUMN     "voidReason" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "voidedAt" TIMESTAMP(3),
ADD COLUMN     "voidedByUserId" TEXT;

-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "ownerEmail" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "participants" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Email" ADD COLUMN     "ownerEmail" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "participants" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Tracker" ADD COLUMN     "excludeDomains" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "externalOnly" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "includeDomains" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "resumesAt" TIMESTAMP(3),
ADD COLUMN     "teamIds" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "Hold" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "amountMilli" BIGINT NOT NULL,
    "state" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "settledAt" TIMESTAMP(3),
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

    CONSTRAINT "Hold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HoldAllocation" (
    "holdId" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "amountMilli" BIGINT NOT NULL,

    CONSTRAINT "HoldAllocation_pkey" PRIMARY KEY ("holdId","grantId")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Budget" (
    "id" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scopeKind" TEXT NOT NULL,
    "scopeValue" TEXT NOT NULL,
    "limitMilli" BIGINT NOT NULL,
    "period" TEXT NOT NULL,
    "createdByUserId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Budget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BudgetAlert" (
    "budgetId" TEXT NOT NULL,
    "periodStart" TEXT NOT NULL,
    "percent" INTEGER NOT NULL,
    "firedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BudgetAlert_pkey" PRIMARY KEY ("budgetId","periodStart","percent")
);

-- CreateTable
CREATE TABLE "UsageScopeDay" (
    "companyId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "usageDate" TEXT NOT NULL,
    "creditsMilli" BIGINT NOT NULL,

    CONSTRAINT "UsageScopeDay_pkey" PRIMARY KEY ("companyId","scope","usageDate")
);

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

-- CreateIndex
CREATE INDEX "LedgerEntry_companyId_referenceId_idx" ON "LedgerEntry"("companyId", "referenceId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_reversesEntryId_key" ON "LedgerEntry"("reversesEntryId");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Hold" ADD CONSTRAINT "Hold_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HoldAllocation" ADD CONSTRAINT "HoldAllocation_holdId_fkey" FOREIGN KEY ("holdId") REFERENCES "Hold"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HoldAllocation" ADD CONSTRAINT "HoldAllocation_grantId_fkey" FOREIGN KEY ("grantId") REFERENCES "CreditGrant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Budget" ADD CONSTRAINT "Budget_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BudgetAlert" ADD CONSTRAINT "BudgetAlert_budgetId_fkey" FOREIGN KEY ("budgetId") REFERENCES "Budget"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageScopeDay" ADD CONSTRAINT "UsageScopeDay_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;
