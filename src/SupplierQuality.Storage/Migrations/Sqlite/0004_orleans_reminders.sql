-- Reminders for the Orleans ADO.NET reminder table.
--
-- Orleans 10.4 binds and reads only the columns below (no cron, priority or
-- action columns). Version is the reminder's ETag. GrainHash is the grain's
-- uniform hash as a signed 32-bit integer; the silo reads the reminders of a
-- range (BeginHash, EndHash] of the hash ring that may wrap around. Period is in
-- milliseconds. StartTime is stored as Microsoft.Data.Sqlite writes a DateTime
-- (ISO-8601 text, UTC), which it parses back on read.

CREATE TABLE OrleansRemindersTable
(
  ServiceId    TEXT    NOT NULL,
  GrainId      TEXT    NOT NULL,
  ReminderName TEXT    NOT NULL,
  StartTime    TEXT    NOT NULL,
  Period       INTEGER NOT NULL,
  GrainHash    INTEGER NOT NULL,
  Version      INTEGER NOT NULL,

  CONSTRAINT PK_OrleansRemindersTable PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IX_OrleansRemindersTable_GrainHash ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
  'UpsertReminderRowKey', '
  INSERT INTO OrleansRemindersTable
    (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
  VALUES
    (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
  ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
  SET StartTime = excluded.StartTime,
    Period = excluded.Period,
    GrainHash = excluded.GrainHash,
    Version = Version + 1
  RETURNING Version;
'
),
(
  'ReadReminderRowsKey', '
  SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
  WHERE ServiceId = @ServiceId
    AND GrainId = @GrainId;
'
),
(
  'ReadReminderRowKey', '
  SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
  WHERE ServiceId = @ServiceId
    AND GrainId = @GrainId
    AND ReminderName = @ReminderName;
'
),
(
  -- A range that does not wrap (BeginHash < EndHash as signed integers).
  'ReadRangeRows1Key', '
  SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
  WHERE ServiceId = @ServiceId
    AND GrainHash > @BeginHash
    AND GrainHash <= @EndHash;
'
),
(
  -- A range that wraps past the top of the ring (or is the whole ring).
  'ReadRangeRows2Key', '
  SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
  WHERE ServiceId = @ServiceId
    AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
'
),
(
  -- 1 when the reminder with that version was removed, 0 otherwise. changes()
  -- counts the rows of the DELETE just before it on the same connection.
  'DeleteReminderRowKey', '
  DELETE FROM OrleansRemindersTable
  WHERE ServiceId = @ServiceId
    AND GrainId = @GrainId
    AND ReminderName = @ReminderName
    AND Version = @Version;

  SELECT changes() AS Deleted;
'
),
(
  'DeleteReminderRowsKey', '
  DELETE FROM OrleansRemindersTable
  WHERE ServiceId = @ServiceId;
'
);
