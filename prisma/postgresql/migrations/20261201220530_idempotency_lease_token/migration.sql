-- A running first request's token on its idempotency record: its lease renewals, its answer and
-- its removal after a failure name it, so a request that outlived its lease changes nothing once
-- a retry has taken the key over. Records in progress at the upgrade have none, and are taken
-- over once their lease lapses, as before.

-- AlterTable
ALTER TABLE "IdempotentRequest" ADD COLUMN     "leaseToken" TEXT;
