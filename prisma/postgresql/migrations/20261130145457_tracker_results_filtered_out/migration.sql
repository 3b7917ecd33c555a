-- AlterTable
ALTER TABLE "TrackerResult" ADD COLUMN     "filteredOut" BOOLEAN NOT NULL DEFAULT false;
