-- The Orleans ADO.NET providers load their SQL from this table at start-up
-- ("SELECT QueryKey, QueryText FROM OrleansQuery") and never issue any other
-- statement of their own. The contract is the query keys, the parameter names
-- they bind (@Name) and the result column names they read; the SQL behind a key
-- is ours. Later migrations add the keys of each provider.
--
-- Identifiers are unquoted on purpose: PostgreSQL folds them to lower case and
-- Npgsql matches result columns case-insensitively, so Orleans' PascalCase names
-- resolve without quoting.

CREATE TABLE OrleansQuery
(
  QueryKey  varchar(64) NOT NULL,
  QueryText text        NOT NULL,

  CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);
