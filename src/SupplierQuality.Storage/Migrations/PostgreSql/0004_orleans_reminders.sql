-- Reminders for the Orleans ADO.NET reminder table.
--
-- Orleans 10.4 binds and reads only the columns below (no cron, priority or
-- action columns). Version is the reminder's ETag. GrainHash is the grain's
-- uniform hash as a signed 32-bit integer; each silo reads the reminders of its
-- share of the hash ring, a range (BeginHash, EndHash] that may wrap around.
-- Period is in milliseconds.

CREATE TABLE OrleansRemindersTable
(
  ServiceId    text        NOT NULL,
  GrainId      text        NOT NULL,
  ReminderName text        NOT NULL,
  StartTime    timestamptz NOT NULL,
  Period       bigint      NOT NULL,
  GrainHash    integer     NOT NULL,
  Version      integer     NOT NULL,

  CONSTRAINT PK_OrleansRemindersTable PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IX_OrleansRemindersTable_GrainHash ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
  'UpsertReminderRowKey', $sql$
  INSERT INTO OrleansRemindersTable AS r
    (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
  VALUES
    (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
  ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
  SET StartTime = excluded.StartTime,
    Period = excluded.Period,
    GrainHash = excluded.GrainHash,
    Version = r.Version + 1
  RETURNING r.Version;
$sql$
),
(
  'ReadReminderRowsKey', $sql$
  SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
  WHERE ServiceId = @ServiceId
    AND GrainId = @GrainId;
$sql$
),
(
  'ReadReminderRowKey', $sql$
  SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
  WHERE ServiceId = @ServiceId
    AND GrainId = @GrainId
    AND ReminderName = @ReminderName;
$sql$
),
(
  -- A range that does not wrap (BeginHash < EndHash as signed integers).
  'ReadRangeRows1Key', $sql$
  SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
  WHERE ServiceId = @ServiceId
    AND GrainHash > @BeginHash
    AND GrainHash <= @EndHash;
$sql$
),
(
  -- A range that wraps past the top of the ring (or is the whole ring).
  'ReadRangeRows2Key', $sql$
  SELECT GrainId, ReminderName, StartTime, Period, Version
  FROM OrleansRemindersTable
  WHERE ServiceId = @ServiceId
    AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$sql$
),
(
  -- 1 when the reminder with that version was removed, 0 otherwise.
  'DeleteReminderRowKey', $sql$
  WITH deleted AS
  (
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId
      AND ReminderName = @ReminderName
      AND Version = @Version
    RETURNING 1
  )
  SELECT count(*)::integer AS Deleted FROM deleted;
$sql$
),
(
  'DeleteReminderRowsKey', $sql$
  DELETE FROM OrleansRemindersTable
  WHERE ServiceId = @ServiceId;
$sql$
);
