-- Cluster membership for the Orleans ADO.NET clustering provider.
--
-- One version row per cluster (Orleans calls the cluster id "DeploymentId").
-- Every change to a silo row must move the version on by one in the same
-- statement, and only when the caller saw the current version: that is the
-- optimistic concurrency the membership protocol relies on. A silo row is keyed
-- by the silo address (address, port, generation).
--
-- Status values are Orleans' SiloStatus: 3 = Active, 6 = Dead.

CREATE TABLE OrleansMembershipVersionTable
(
  DeploymentId varchar(150) NOT NULL,
  Timestamp    timestamptz  NOT NULL DEFAULT now(),
  Version      integer      NOT NULL DEFAULT 0,

  CONSTRAINT PK_OrleansMembershipVersionTable PRIMARY KEY (DeploymentId)
);

CREATE TABLE OrleansMembershipTable
(
  DeploymentId varchar(150) NOT NULL,
  Address      varchar(45)  NOT NULL,
  Port         integer      NOT NULL,
  Generation   integer      NOT NULL,
  SiloName     text         NOT NULL,
  HostName     text         NOT NULL,
  Status       integer      NOT NULL,
  ProxyPort    integer      NOT NULL DEFAULT 0,
  SuspectTimes text         NULL,
  StartTime    timestamptz  NOT NULL,
  IAmAliveTime timestamptz  NOT NULL,

  CONSTRAINT PK_OrleansMembershipTable PRIMARY KEY (DeploymentId, Address, Port, Generation),
  -- Removing a cluster's version row removes its silo rows with it.
  CONSTRAINT FK_OrleansMembershipTable_Version FOREIGN KEY (DeploymentId)
    REFERENCES OrleansMembershipVersionTable (DeploymentId) ON DELETE CASCADE
);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
  -- Returns 1 when this call created the version row, 0 when it already existed.
  'InsertMembershipVersionKey', $sql$
  WITH created AS
  (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1
  )
  SELECT count(*)::integer AS Created FROM created;
$sql$
),
(
  -- The version moves only when it is still the one the caller read and the
  -- silo has no row yet; the row is inserted only when the version moved.
  -- Concurrent callers with the same version serialize on the version row:
  -- the later one re-checks after the first commits and changes nothing.
  'InsertMembershipKey', $sql$
  WITH bumped AS
  (
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1,
      Timestamp = now()
    WHERE DeploymentId = @DeploymentId
      AND Version = @Version
      AND NOT EXISTS
      (
        SELECT 1
        FROM OrleansMembershipTable
        WHERE DeploymentId = @DeploymentId
        AND Address = @Address
        AND Port = @Port
        AND Generation = @Generation
      )
    RETURNING DeploymentId
  ),
  inserted AS
  (
    INSERT INTO OrleansMembershipTable
      (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped
    ON CONFLICT DO NOTHING
    RETURNING 1
  )
  SELECT count(*)::integer AS Inserted FROM inserted;
$sql$
),
(
  -- Same rule as the insert: the silo row changes only together with the version.
  'UpdateMembershipKey', $sql$
  WITH bumped AS
  (
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1,
      Timestamp = now()
    WHERE DeploymentId = @DeploymentId
      AND Version = @Version
      AND EXISTS
      (
        SELECT 1
        FROM OrleansMembershipTable
        WHERE DeploymentId = @DeploymentId
        AND Address = @Address
        AND Port = @Port
        AND Generation = @Generation
      )
    RETURNING DeploymentId
  ),
  updated AS
  (
    UPDATE OrleansMembershipTable AS m
    SET Status = @Status,
      SuspectTimes = @SuspectTimes,
      IAmAliveTime = @IAmAliveTime
    FROM bumped AS b
    WHERE m.DeploymentId = b.DeploymentId
      AND m.Address = @Address
      AND m.Port = @Port
      AND m.Generation = @Generation
    RETURNING 1
  )
  SELECT count(*)::integer AS Updated FROM updated;
$sql$
),
(
  -- A heartbeat: deliberately does not touch the version.
  'UpdateIAmAlivetimeKey', $sql$
  UPDATE OrleansMembershipTable
  SET IAmAliveTime = @IAmAliveTime
  WHERE DeploymentId = @DeploymentId
    AND Address = @Address
    AND Port = @Port
    AND Generation = @Generation;
$sql$
),
(
  -- The version row is always returned (Orleans needs the version even when the
  -- silo has no row), joined to the silo's row if there is one.
  'MembershipReadRowKey', $sql$
  SELECT
    v.DeploymentId,
    m.Address,
    m.Port,
    m.Generation,
    m.SiloName,
    m.HostName,
    m.Status,
    m.ProxyPort,
    m.SuspectTimes,
    m.StartTime,
    m.IAmAliveTime,
    v.Version
  FROM OrleansMembershipVersionTable AS v
  LEFT JOIN OrleansMembershipTable AS m
    ON m.DeploymentId = v.DeploymentId
     AND m.Address = @Address
     AND m.Port = @Port
     AND m.Generation = @Generation
  WHERE v.DeploymentId = @DeploymentId;
$sql$
),
(
  'MembershipReadAllKey', $sql$
  SELECT
    v.DeploymentId,
    m.Address,
    m.Port,
    m.Generation,
    m.SiloName,
    m.HostName,
    m.Status,
    m.ProxyPort,
    m.SuspectTimes,
    m.StartTime,
    m.IAmAliveTime,
    v.Version
  FROM OrleansMembershipVersionTable AS v
  LEFT JOIN OrleansMembershipTable AS m
    ON m.DeploymentId = v.DeploymentId
  WHERE v.DeploymentId = @DeploymentId;
$sql$
),
(
  -- Silo rows go with the version row (ON DELETE CASCADE).
  'DeleteMembershipTableEntriesKey', $sql$
  DELETE FROM OrleansMembershipVersionTable
  WHERE DeploymentId = @DeploymentId;
$sql$
),
(
  -- Clients find gateways here: active silos that listen for clients.
  'GatewaysQueryKey', $sql$
  SELECT Address, ProxyPort, Generation
  FROM OrleansMembershipTable
  WHERE DeploymentId = @DeploymentId
    AND Status = @Status
    AND ProxyPort > 0;
$sql$
),
(
  -- Required by the provider, used only when the per-row query below is absent.
  'CleanupDefunctSiloEntriesKey', $sql$
  DELETE FROM OrleansMembershipTable
  WHERE DeploymentId = @DeploymentId
    AND IAmAliveTime < @IAmAliveTime
    AND Status <> 3;
$sql$
),
(
  -- Optional and preferred by Orleans 10.4: Orleans picks dead rows it has read and
  -- deletes each one only if it is still exactly as read, so a row that changed in
  -- between is left alone.
  'CleanupDefunctSiloEntryKey', $sql$
  DELETE FROM OrleansMembershipTable
  WHERE DeploymentId = @DeploymentId
    AND Address = @Address
    AND Port = @Port
    AND Generation = @Generation
    AND Status = 6
    AND StartTime = @StartTime
    AND IAmAliveTime = @IAmAliveTime
    AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '');
$sql$
);
