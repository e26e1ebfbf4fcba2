-- Grain state for the Orleans ADO.NET grain storage provider.
--
-- A grain's state is identified by service id, grain type and grain id (two
-- 64-bit halves plus an optional string part). Orleans also sends 32-bit hashes of
-- the id and type so lookups can use a narrow leading index. Version is the ETag:
-- 1 on first write, +1 on every write or clear. A write or clear that names a
-- version other than the stored one changes nothing and returns no row, which
-- Orleans turns into an InconsistentStateException.
--
-- The query texts avoid quote characters so they need no escaping here.

CREATE TABLE OrleansStorage
(
  GrainIdHash            INTEGER NOT NULL,
  GrainIdN0              INTEGER NOT NULL,
  GrainIdN1              INTEGER NOT NULL,
  GrainTypeHash          INTEGER NOT NULL,
  GrainTypeString        TEXT    NOT NULL,
  GrainIdExtensionString TEXT    NULL,
  ServiceId              TEXT    NOT NULL,
  PayloadBinary          BLOB    NULL,
  ModifiedOn             TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
  Version                INTEGER NOT NULL
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
  IFNULL(GrainIdExtensionString, ''),
  GrainIdExtensionString IS NULL
);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
  'ReadFromStorageKey', '
  SELECT PayloadBinary, Version
  FROM OrleansStorage
  WHERE GrainIdHash = @GrainIdHash
    AND GrainTypeHash = @GrainTypeHash
    AND ServiceId = @ServiceId
    AND GrainIdN0 = @GrainIdN0
    AND GrainIdN1 = @GrainIdN1
    AND GrainTypeString = @GrainTypeString
    AND GrainIdExtensionString IS @GrainIdExtensionString;
'
),
(
  -- Two statements, of which at most one changes a row: with a version, update
  -- the row if it still has that version; without one (the grain never saw a
  -- row), insert unless some row already exists. The changed row comes back
  -- through RETURNING; no row at all means nothing was written.
  'WriteToStorageKey', '
  UPDATE OrleansStorage
  SET PayloadBinary = @PayloadBinary,
    ModifiedOn = CURRENT_TIMESTAMP,
    Version = Version + 1
  WHERE @GrainStateVersion IS NOT NULL
    AND GrainIdHash = @GrainIdHash
    AND GrainTypeHash = @GrainTypeHash
    AND ServiceId = @ServiceId
    AND GrainIdN0 = @GrainIdN0
    AND GrainIdN1 = @GrainIdN1
    AND GrainTypeString = @GrainTypeString
    AND GrainIdExtensionString IS @GrainIdExtensionString
    AND Version = @GrainStateVersion
  RETURNING Version AS NewGrainStateVersion;

  INSERT INTO OrleansStorage
    (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, Version)
  SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @PayloadBinary, 1
  WHERE @GrainStateVersion IS NULL
  ON CONFLICT DO NOTHING
  RETURNING Version AS NewGrainStateVersion;
'
),
(
  -- Keeps the row (payload NULL) so the version keeps counting up.
  'ClearStorageKey', '
  UPDATE OrleansStorage
  SET PayloadBinary = NULL,
    ModifiedOn = CURRENT_TIMESTAMP,
    Version = Version + 1
  WHERE GrainIdHash = @GrainIdHash
    AND GrainTypeHash = @GrainTypeHash
    AND ServiceId = @ServiceId
    AND GrainIdN0 = @GrainIdN0
    AND GrainIdN1 = @GrainIdN1
    AND GrainTypeString = @GrainTypeString
    AND GrainIdExtensionString IS @GrainIdExtensionString
    AND Version = @GrainStateVersion
  RETURNING Version AS NewGrainStateVersion;
'
),
(
  -- Used instead of the clear when DeleteStateOnClear is set. Orleans expects the
  -- deleted version + 1 back to tell success from a conflict.
  'DeleteStorageKey', '
  DELETE FROM OrleansStorage
  WHERE GrainIdHash = @GrainIdHash
    AND GrainTypeHash = @GrainTypeHash
    AND ServiceId = @ServiceId
    AND GrainIdN0 = @GrainIdN0
    AND GrainIdN1 = @GrainIdN1
    AND GrainTypeString = @GrainTypeString
    AND GrainIdExtensionString IS @GrainIdExtensionString
    AND Version = @GrainStateVersion
  RETURNING Version + 1 AS NewGrainStateVersion;
'
);
