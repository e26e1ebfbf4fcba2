using System.Data.Common;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Npgsql;
using SupplierQuality.Benchmarks.Node;
using SupplierQuality.Storage;

namespace SupplierQuality.Benchmarks.Databases;

/// <summary>
/// PostgreSQL: a private server started for the run (with its default durability), or a server given with
/// --postgres. Three databases are made on it and dropped at the end; the private server is removed.
/// </summary>
internal sealed class PostgresTarget : DatabaseTarget
{
    private readonly PrivatePostgres? _server;
    private readonly string _admin;
    private readonly string[] _databases;
    private readonly string _rawConnectionString;

    private PostgresTarget(PrivatePostgres? server, string admin, string prefix)
    {
        _server = server;
        _admin = admin;
        _databases = [$"{prefix}_node", $"{prefix}_raw", $"{prefix}_provider"];
        string On(string database) => new NpgsqlConnectionStringBuilder(admin) { Database = database, MaxPoolSize = 100 }.ConnectionString;
        _rawConnectionString = On(_databases[1]);
        ProviderConnectionString = On(_databases[2]);
        NodeSettings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:SupplierQuality"] = On(_databases[0]),

            // A node on PostgreSQL may be one of several, so it needs the cluster's certificate: a fresh one for the run.
            ["Node:CertificatePem"] = ClusterCertificatePem(),
        };
    }

    public override string Name => "PostgreSQL";

    public override DatabaseDialect Dialect => DatabaseDialect.PostgreSql;

    public override string ProviderConnectionString { get; }

    public override IReadOnlyDictionary<string, string?> NodeSettings { get; }

    /// <summary>A server and its databases, or null (said why on the console) when no server can be had.</summary>
    public static async Task<PostgresTarget?> StartAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        PrivatePostgres? server = null;
        var admin = options.Postgres;
        if (admin is null)
        {
            (server, var missing) = await PrivatePostgres.StartAsync(options.WorkDirectory == Path.GetTempPath() ? null : options.WorkDirectory);
            if (server is null)
            {
                Console.WriteLine($"PostgreSQL skipped: {missing}");
                return null;
            }

            admin = server.ConnectionString;
        }

        var target = new PostgresTarget(server, admin, server is null ? $"sq_bench_{Guid.NewGuid():N}"[..24] : "sq_bench");
        try
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync(cancellationToken);
            foreach (var database in target._databases)
            {
                await ExecuteAsync(connection, $"CREATE DATABASE {database}", cancellationToken);
            }
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }

        return target;
    }

    public override DbConnection RawConnection() => new NpgsqlConnection(_rawConnectionString);

    public override DbCommand RawInsert(DbConnection connection, int writer, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {RawTable} (Writer, Payload) VALUES (@writer, @payload)";
        AddParameter(command, "writer", writer);
        AddParameter(command, "payload", payload);
        return command;
    }

    public override async Task<string> PrepareRawAsync(CancellationToken cancellationToken)
    {
        await using var connection = RawConnection();
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"CREATE TABLE {RawTable} (Id bigserial PRIMARY KEY, Writer integer NOT NULL, Payload bytea NOT NULL)", cancellationToken);
        var version = await ScalarAsync(connection, "SHOW server_version", cancellationToken);
        var fsync = await ScalarAsync(connection, "SHOW fsync", cancellationToken);
        var synchronous = await ScalarAsync(connection, "SHOW synchronous_commit", cancellationToken);
        var where = _server is null ? "the server given with --postgres" : "a private server on this machine";
        return $"PostgreSQL {version} (fsync {fsync}, synchronous_commit {synchronous}), {where}";
    }

    public override TimeSpan? ServerCpu() => _server?.PostmasterPid is { } pid ? ProcessStat.TreeCpu(pid) : null;

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is not null)
        {
            await _server.DisposeAsync();
            return;
        }

        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        foreach (var database in _databases)
        {
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", CancellationToken.None);
        }
    }

    /// <summary>A self-signed cluster certificate with its key, made as the node makes one for itself.</summary>
    private static string ClusterCertificatePem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=supplierquality-benchmark", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n";
    }
}
