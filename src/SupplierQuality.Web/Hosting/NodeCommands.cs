using SupplierQuality.Storage;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Hosting;

/// <summary>
/// Operator commands run instead of the node: <c>migrate</c>, <c>create-admin</c>, <c>backup</c> and
/// <c>copy-to-postgres</c> (<see cref="CopyToPostgresCommand"/>). All read the same configuration as the node
/// (appsettings, environment, <c>--Key=value</c> arguments).
/// </summary>
internal static class NodeCommands
{
    public static Func<string[], Task<int>>? Find(string[] args) => args.FirstOrDefault() switch
    {
        "migrate" => MigrateAsync,
        "create-admin" => CreateAdminAsync,
        "backup" => BackupAsync,
        CopyToPostgresCommand.Name => CopyToPostgresCommand.RunAsync,
        _ => null,
    };

    private static async Task<int> MigrateAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args[1..]);
        var storage = NodeStorage.Resolve(builder.Configuration, builder.Environment.ContentRootPath);
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggerFactory.CreateLogger("migrate");
        if (storage.Dialect is not { } dialect)
        {
            logger.LogError("Storage is memory: there is no database to migrate");
            return 1;
        }

        logger.LogInformation("Migrating {Storage}", storage.Describe());
        var applied = await MigrationRunner.ApplyAsync(dialect, storage.ConnectionString!, logger, CancellationToken.None);
        logger.LogInformation("Applied {Count} migrations: {Versions}", applied.Count, string.Join(", ", applied));
        return 0;
    }

    /// <summary>
    /// <c>backup --to file.db</c>: a consistent copy of the SQLite database through SQLite's online backup,
    /// safe while the node runs: all pages are copied in one step, inside one read transaction, so the copy is one
    /// snapshot and none of the node's writes is half in it (in WAL mode the node keeps writing meanwhile).
    /// </summary>
    private static async Task<int> BackupAsync(string[] args)
    {
        var target = ArgumentValue(args, "--to");
        if (string.IsNullOrWhiteSpace(target))
        {
            await Console.Error.WriteLineAsync("usage: backup --to /path/to/backup.db");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(WithoutCommandArguments(args, "--to"));
        var storage = NodeStorage.Resolve(builder.Configuration, builder.Environment.ContentRootPath);
        if (storage.Provider != StorageProvider.Sqlite)
        {
            await Console.Error.WriteLineAsync("backup copies the embedded SQLite database; back up PostgreSQL with pg_dump.");
            return 2;
        }

        if (!File.Exists(storage.SqliteFile))
        {
            await Console.Error.WriteLineAsync($"There is no database at {storage.SqliteFile}.");
            return 1;
        }

        var targetFile = Path.GetFullPath(target);
        if (File.Exists(targetFile))
        {
            await Console.Error.WriteLineAsync($"{targetFile} exists already; choose a new file.");
            return 2;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(targetFile)!);
        await using (var source = new Microsoft.Data.Sqlite.SqliteConnection(storage.ConnectionString))
        await using (var destination = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={targetFile};Pooling=False"))
        {
            await source.OpenAsync();
            await destination.OpenAsync();
            source.BackupDatabase(destination);
        }

        Console.WriteLine($"Backed up {storage.SqliteFile} to {targetFile} ({new FileInfo(targetFile).Length} bytes).");
        return 0;
    }

    /// <summary>
    /// <c>create-admin --email a@b.c [--password secret]</c>: starts the node without serving HTTP to the
    /// outside, creates (or resets) the admin account, prints the password and stops.
    /// </summary>
    private static async Task<int> CreateAdminAsync(string[] args)
    {
        var email = ArgumentValue(args, "--email");
        if (string.IsNullOrWhiteSpace(email))
        {
            await Console.Error.WriteLineAsync("usage: create-admin --email admin@example.com [--password secret]");
            return 2;
        }

        var password = ArgumentValue(args, "--password");
        var builder = WebApplication.CreateBuilder(WithoutCommandArguments(args, "--email", "--password"));
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddNode();
        builder.Services.AddAccounts(builder.Configuration);
        await using var app = builder.Build();
        await app.StartAsync();
        try
        {
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            var result = await AdminBootstrap.CreateAdminAsync(grains, email, password, CancellationToken.None);
            Console.WriteLine(result.Created ? $"Created admin {email}." : $"Reset the password of admin {email}.");
            if (password is null)
            {
                Console.WriteLine($"One-time password (change it at first sign-in): {result.Password}");
            }

            return 0;
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        finally
        {
            await app.StopAsync();
        }
    }

    internal static string? ArgumentValue(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>The arguments after the command name, less the command's own options, for configuration.</summary>
    internal static string[] WithoutCommandArguments(string[] args, params string[] names)
    {
        var rest = args[1..];
        return rest.Where((a, i) => !names.Contains(a) && (i == 0 || !names.Contains(rest[i - 1]))).ToArray();
    }
}
