-- Sign-ins from before a password change, a reset or a disable stop counting (User.sessionsValidAfter),
-- and the demo seed keeps the ids of what it made, to remove exactly those after a half-done seed.

-- AlterTable
ALTER TABLE "User" ADD COLUMN "sessionsValidAfter" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DemoSeed" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "madeIds" TEXT NOT NULL DEFAULT ''
);
INSERT INTO "new_DemoSeed" ("finishedAt", "id", "startedAt") SELECT "finishedAt", "id", "startedAt" FROM "DemoSeed";
DROP TABLE "DemoSeed";
ALTER TABLE "new_DemoSeed" RENAME TO "DemoSeed";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
