using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;

namespace SupplierQuality.Web.Hosting;

/// <summary>
/// Recognises a request that failed because the database (or the disk under it) is away for a while, however Orleans
/// wrapped it, and says why in words an operator can act on. Such a request is answered 503 with Retry-After, not 500:
/// nothing was acknowledged, and the same request succeeds once the database is back.
/// </summary>
internal static class StorageFailure
{
    /// <summary>Seconds a client should wait before it sends the request again.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The cause in words, or null when <paramref name="exception"/> is not a storage outage.</summary>
    public static string? Cause(Exception exception)
    {
        foreach (var e in Chain(exception))
        {
            switch (e)
            {
                case SqliteException sqlite:
                    // Other codes (a constraint, a syntax error) are bugs, not outages: they stay 500.
                    return SqliteCause(sqlite);
                case PostgresException postgres:
                    // Server-side errors that mean "not now": shutting down, too many connections, read-only, disk full.
                    return postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300" or "53100" or "25006" or "08006" or "08003" or "08001"
                        ? $"PostgreSQL refused the request ({postgres.SqlState}: {postgres.MessageText})"
                        : null;
                case NpgsqlException npgsql:
                    return $"PostgreSQL does not answer ({FirstLine(npgsql.InnerException?.Message ?? npgsql.Message)})";
                case DbException db:
                    return $"the database failed ({FirstLine(db.Message)})";
                case InconsistentStateException:
                    // A write whose answer was lost; the grain reloads on the next call, so the request can be sent again.
                    return "a grain state changed under a write that failed before (it reloads on the next try)";
                case UnavailableExceptionFallbackException fallback when IsDatabaseType(fallback.ExceptionType):
                    return $"the database failed ({FirstLine(fallback.Message)})";
                case TimeoutException:
                    return "a call did not finish in time (the database may be slow or away)";
                case SiloUnavailableException or OrleansMessageRejectionException:
                    return $"the cluster could not take the call ({FirstLine(e.Message)})";
                case SocketException socket:
                    return $"the database connection failed ({socket.SocketErrorCode})";
            }
        }

        return null;
    }

    public static bool Is(Exception exception) => Cause(exception) is not null;

    /// <summary>The SQLite error codes that mean the file cannot be written now, with what to do about each; null for others.</summary>
    public static string? SqliteCause(SqliteException sqlite) => (sqlite.SqliteErrorCode & 0xFF) switch
    {
        13 => "the disk holding the SQLite file is full (SQLITE_FULL): free space on it",
        8 => "the SQLite file or its folder is read-only (SQLITE_READONLY): make the file, its -wal and -shm files and the folder writable for the node's user",
        10 => "the SQLite file could not be read or written (SQLITE_IOERR): check the disk, its free space, and that the file, its -wal and -shm files and the folder are writable (not read-only or immutable)",
        23 => "the node may not open the SQLite file (SQLITE_AUTH or permissions): make the file and its folder readable and writable for the node's user",
        14 => "the SQLite file cannot be opened (SQLITE_CANTOPEN): check that its folder exists and is writable",
        5 or 6 => "the SQLite file is locked by another process (SQLITE_BUSY)",
        _ => null,
    };

    private static bool IsDatabaseType(string? type) =>
        type is not null && (type.Contains("Npgsql", StringComparison.Ordinal) || type.Contains("Sqlite", StringComparison.Ordinal)
            || type.Contains("DbException", StringComparison.Ordinal));

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        var depth = 0;
        while (pending.Count > 0 && depth++ < 32)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
