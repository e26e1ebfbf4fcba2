using System.Globalization;
using Npgsql;
using SupplierQuality.Storage;

namespace SupplierQuality.Web.Hosting;

/// <summary>
/// <c>copy-to-postgres --to "Host=...;Database=...;Username=...;Password=..." [--overwrite]</c>: moves an embedded
/// node's data into PostgreSQL so the team can run a cluster without losing history. The source is the SQLite file
/// the node's configuration names (<c>Storage:SqlitePath</c>), whatever provider the configuration now chooses.
/// </summary>
/// <remarks>
/// The node must be stopped: the command takes the file's single-node lock for the whole copy, so a node cannot
/// write after the snapshot was read (and a running node makes the command refuse).
/// </remarks>
internal static class CopyToPostgresCommand
{
    public const string Name = "copy-to-postgres";

    private const string Usage =
        "usage: copy-to-postgres --to \"Host=db.example;Database=supplierquality;Username=sq;Password=...\" [--overwrite]";

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error, CancellationToken.None);

    /// <returns>0 when copied; 1 when something is wrong (no file, a running node, an unreachable target); 2 for a
    /// bad command line or a target that already holds data and no <c>--overwrite</c>.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var target = NodeCommands.ArgumentValue(args, "--to");
        var overwrite = args.Contains("--overwrite", StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(target))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        NpgsqlConnectionStringBuilder targetSettings;
        try
        {
            targetSettings = new NpgsqlConnectionStringBuilder(target);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"--to is not an Npgsql connection string: {ex.Message}\n{Usage}");
            return 2;
        }

        // --overwrite takes no value, so it must go before the rest is read as configuration ("--key value" pairs).
        var configurationArgs = NodeCommands.WithoutCommandArguments([.. args.Where(a => a != "--overwrite")], "--to");
        var builder = WebApplication.CreateBuilder(configurationArgs);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{StorageOptions.SectionName}:{nameof(StorageOptions.Provider)}"] = nameof(StorageProvider.Sqlite),
        });
        var file = NodeStorage.Resolve(builder.Configuration, builder.Environment.ContentRootPath).SqliteFile!;
        if (!File.Exists(file))
        {
            await error.WriteLineAsync(
                $"There is no SQLite database at {file}. Set Storage:SqlitePath to the node's file " +
                "(the default is data/supplierquality.db under the directory the node runs in).");
            return 1;
        }

        SqliteFileLock fileLock;
        try
        {
            fileLock = SqliteFileLock.Acquire(file);
        }
        catch (InvalidOperationException)
        {
            await error.WriteLineAsync(
                $"A node is running on {file} (its lock file {file}.lock is held). Stop the node before copying, " +
                "so that nothing it writes afterwards is left behind.");
            return 1;
        }

        using (fileLock)
        {
            var where = $"PostgreSQL {targetSettings.Host}:{targetSettings.Port.ToString(CultureInfo.InvariantCulture)}, database '{targetSettings.Database}'";
            await output.WriteLineAsync($"Copying {file} to {where}{(overwrite ? " (overwrite)" : string.Empty)}.");
            using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
            SqliteCopyResult result;
            try
            {
                result = await SqliteToPostgresCopier.CopyAsync(file, target, overwrite, loggerFactory.CreateLogger(Name), ct);
            }
            catch (InvalidOperationException ex)
            {
                await error.WriteLineAsync(ex.Message);
                return 1;
            }

            var services = string.Join(", ", result.ServiceIds.Select(id => $"'{id}'"));
            if (!result.Copied)
            {
                await error.WriteLineAsync(
                    $"Nothing copied: {where} already holds {Count(result.ExistingGrainStates, "grain state")} and " +
                    $"{Count(result.ExistingReminders, "reminder")} of service id {services}. Run again with --overwrite to " +
                    "replace the rows that have the same identity (rows the file does not have stay).");
                return 2;
            }

            await output.WriteLineAsync(
                $"Copied {Count(result.GrainStates, "grain state")} and {Count(result.Reminders, "reminder")}" +
                (result.ServiceIds.Count > 0 ? $" of service id {services}" : string.Empty) +
                $" (replaced {result.ReplacedGrainStates.ToString(CultureInfo.InvariantCulture)} grain states and " +
                $"{result.ReplacedReminders.ToString(CultureInfo.InvariantCulture)} reminders the target had).");
            await output.WriteLineAsync(
                "Start the nodes with ConnectionStrings:SupplierQuality set to the target" +
                (result.ServiceIds.Count > 0 ? $" and Node:ServiceId {services}." : "."));
            return 0;
        }
    }

    private static string Count(long count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
