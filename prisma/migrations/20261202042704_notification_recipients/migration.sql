-- Extra addresses that get the notification emails besides the admins (Settings >
-- Notifications, lib/notify/recipients.ts).

-- CreateTable
CREATE TABLE "NotificationRecipient" (
    "companyId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("companyId", "email"),
    CONSTRAINT "NotificationRecipient_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
