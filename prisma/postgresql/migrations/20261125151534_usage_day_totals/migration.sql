-- CreateTable
CREATE TABLE "UsageDayTotal" (
    "companyId" TEXT NOT NULL,
    "usageDate" TEXT NOT NULL,
    "featureType" TEXT NOT NULL,
    "creditsMilli" BIGINT NOT NULL,

    CONSTRAINT "UsageDayTotal_pkey" PRIMARY KEY ("companyId","usageDate","featureType")
);

-- AddForeignKey
ALTER TABLE "UsageDayTotal" ADD CONSTRAINT "UsageDayTotal_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;
