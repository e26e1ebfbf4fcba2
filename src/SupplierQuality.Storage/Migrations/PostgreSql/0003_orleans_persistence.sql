-- Grain state for the Orleans ADO.NET grain storage provider.
--
-- A grain's state is identified by service id, grain type and grain id (two
-- 64-bit halves plus an optional string part). Orleans also sends 32-bit hashes of
-- the id and type so lookups can use a narrow leading index. Version is the ETag:
-- 1 on first write, +1 on every write or clear. A write or clear that names a
-- version other than the stored one changes nothing and answers with no new
-- version, which Orleans turns into an InconsistentStateException.

CREATE TABLE OrleansStorage
(
  GrainIdHash            integer     NOT NULL,
  GrainIdN0              bigint      NOT NULL,
  GrainIdN1              bigint      NOT NULL,
  GrainTypeHash          integer     NOT NULL,
  GrainTypeString        text        NOT NULL,
  GrainIdExtensionString text        NULL,
  ServiceId              text        NOT NULL,
  PayloadBinary          bytea       NULL,
  ModifiedOn             timestamptz NOT NULL DEFAULT now(),
  Version                integer     NOT NULL
);

-- One row per grain. The extension is part of the identity with NULL distinct
-- from '', which a plain unique index would not enforce (NULLs never collide), so
-- the index spells it out as two expressions. Any unique violation on insert can
-- only be this one, which lets the insert use a bare ON CONFLICT DO NOTHING.
CREATE UNIQUE INDEX UX_OrleansStorage_Grain ON OrleansStorage
(
  GrainIdHash,
  GrainTypeHash,
  ServiceId,
  GrainIdN0,
  GrainIdN1,
  GrainTypeString,
  (COALESCE(GrainIdExtensionString, '')),
  (GrainIdExtensionString IS NULL)
);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
  'ReadFromStorageKey', $sql$
  SELECT PayloadBinary, Version
  FROM OrleansStorage
  WHERE GrainIdHash = @GrainIdHash
    AND GrainTypeHash = @GrainTypeHash
    AND ServiceId = @ServiceId
    AND GrainIdN0 = @GrainIdN0
    AND GrainIdN1 = @GrainIdN1
    AND GrainTypeString = @GrainTypeString
    AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString;
$sql$
),
(
  -- With a version: update the row if it still has that version. Without one
  -- (the grain never saw a row): insert, unless some row already exists.
  -- Exactly one row comes back; NULL means nothing was written.
  'WriteToStorageKey', $sql$
  WITH updated AS
  (
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary,
      ModifiedOn = now(),
      Version = Version + 1
    WHERE @GrainStateVersion IS NOT NULL
      AND GrainIdHash = @GrainIdHash
      AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId
      AND GrainIdN0 = @GrainIdN0
      AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version
  ),
  inserted AS
  (
    INSERT INTO OrleansStorage
      (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING Version
  )
  SELECT (SELECT Version FROM updated UNION ALL SELECT Version FROM inserted LIMIT 1) AS NewGrainStateVersion;
$sql$
),
(
  -- Keeps the row (payload NULL) so the version keeps counting up.
  'ClearStorageKey', $sql$
  UPDATE OrleansStorage
  SET PayloadBinary = NULL,
    ModifiedOn = now(),
    Version = Version + 1
  WHERE GrainIdHash = @GrainIdHash
    AND GrainTypeHash = @GrainTypeHash
    AND ServiceId = @ServiceId
    AND GrainIdN0 = @GrainIdN0
    AND GrainIdN1 = @GrainIdN1
    AND GrainTypeString = @GrainTypeString
    AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
    AND Version = @GrainStateVersion
  RETURNING Version AS NewGrainStateVersion;
$sql$
),
(
  -- Used instead of the clear when DeleteStateOnClear is set. Orleans expects the
  -- deleted version + 1 back to tell success from a conflict.
  'DeleteStorageKey', $sql$
  DELETE FROM OrleansStorage
  WHERE GrainIdHash = @GrainIdHash
    AND GrainTypeHash = @GrainTypeHash
    AND ServiceId = @ServiceId
    AND GrainIdN0 = @GrainIdN0
    AND GrainIdN1 = @GrainIdN1
    AND GrainTypeString = @GrainTypeString
    AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
    AND Version = @GrainStateVersion
  RETURNING Version + 1 AS NewGrainStateVersion;
$sql$
);
