-- Nothing to change on PostgreSQL: the SQLite migration of the same name makes Hold and
-- HoldAllocation WITHOUT ROWID (one B-tree each), which PostgreSQL has no counterpart of. The
-- folder keeps both databases' migration histories alike.
SELECT 1;
