-- Extra addresses that get the notification emails besides the admins (Settings >
-- Notifications, lib/notify/recipients.ts).

-- CreateTable
CREATE TABLE "NotificationRecipient" (
    "companyId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotificationRecipient_pkey" PRIMARY KEY ("companyId","email")
);

-- AddForeignKey
ALTER TABLE "NotificationRecipient" ADD CONSTRAINT "NotificationRecipient_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company"("id") ON DELETE CASCADE ON UPDATE CASCADE;
