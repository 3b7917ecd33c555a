-- An outbox email's attempt time gets a column of its own: "sentAt" held the latest attempt's
-- start until the email was sent, and now holds only when it was sent.

-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN "lastAttemptAt" DATETIME;

-- What "sentAt" held for emails not sent yet moves to "lastAttemptAt".
UPDATE "OutboxEmail" SET "lastAttemptAt" = "sentAt" WHERE "sentAt" IS NOT NULL;
UPDATE "OutboxEmail" SET "sentAt" = NULL WHERE "status" <> 'sent';
