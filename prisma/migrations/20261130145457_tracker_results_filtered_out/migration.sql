-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TrackerResult" (
    "trackerId" TEXT NOT NULL,
    "itemType" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "matched" BOOLEAN NOT NULL,
    "snippet" TEXT NOT NULL DEFAULT '',
    "filteredOut" BOOLEAN NOT NULL DEFAULT false,
    "processedAt" DATETIME NOT NULL,

    PRIMARY KEY ("trackerId", "itemType", "itemId"),
    CONSTRAINT "TrackerResult_trackerId_fkey" FOREIGN KEY ("trackerId") REFERENCES "Tracker" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_TrackerResult" ("itemId", "itemType", "matched", "processedAt", "snippet", "trackerId") SELECT "itemId", "itemType", "matched", "processedAt", "snippet", "trackerId" FROM "TrackerResult";
DROP TABLE "TrackerResult";
ALTER TABLE "new_TrackerResult" RENAME TO "TrackerResult";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
