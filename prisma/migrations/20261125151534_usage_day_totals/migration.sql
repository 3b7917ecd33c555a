-- CreateTable
CREATE TABLE "UsageDayTotal" (
    "companyId" TEXT NOT NULL,
    "usageDate" TEXT NOT NULL,
    "featureType" TEXT NOT NULL,
    "creditsMilli" BIGINT NOT NULL,

    PRIMARY KEY ("companyId", "usageDate", "featureType"),
    CONSTRAINT "UsageDayTotal_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
