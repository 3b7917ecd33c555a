-- CreateIndex
CREATE INDEX "UsageRecord_companyId_usageDate_firstAt_id_idx" ON "UsageRecord"("companyId", "usageDate", "firstAt", "id");
