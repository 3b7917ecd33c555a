-- Sign-ins from before a password change, a reset or a disable stop counting (User.sessionsValidAfter),
-- and the demo seed keeps the ids of what it made, to remove exactly those after a half-done seed.

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "sessionsValidAfter" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "DemoSeed" ADD COLUMN     "madeIds" TEXT NOT NULL DEFAULT '';
