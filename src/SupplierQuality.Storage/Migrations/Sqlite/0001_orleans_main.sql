-- The Orleans ADO.NET providers load their SQL from this table at start-up
-- ("SELECT QueryKey, QueryText FROM OrleansQuery") and never issue any other
-- statement of their own. The contract is the query keys, the parameter names
-- they bind (@Name) and the result column names they read; the SQL behind a key
-- is ours. Later migrations add the keys of each provider.
--
-- Orleans' invariant for SQLite is "System.Data.SQLite", which it serves with
-- Microsoft.Data.Sqlite. A single node uses localhost clustering, so this dialect
-- has no clustering migration (0002).

CREATE TABLE OrleansQuery
(
  QueryKey  TEXT NOT NULL,
  QueryText TEXT NOT NULL,

  CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);
