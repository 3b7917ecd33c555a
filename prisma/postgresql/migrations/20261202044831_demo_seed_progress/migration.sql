-- The demo seed marks when it starts and when it finishes (lib/seed/demo.ts), so a seed that
-- stopped half-way is removed and done again at the next start.

-- CreateTable
CREATE TABLE "DemoSeed" (
    "id" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "DemoSeed_pkey" PRIMARY KEY ("id")
);
