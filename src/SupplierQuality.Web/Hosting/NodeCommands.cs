using SupplierQuality.Storage;
using SupplierQuality.Web.Accounts;

namespace SupplierQuality.Web.Hosting;

/// <summary>
/// Operator commands run instead of the node: <c>migrate</c> and <c>create-admin</c>. Both read the same
/// configuration as the node (appsettings, environment, <c>--Key=value</c> arguments).
/// </summary>
internal static class NodeCommands
{
    public static Func<string[], Task<int>>? Find(string[] args) => args.FirstOrDefault() switch
    {
        "migrate" => MigrateAsync,
        "create-admin" => CreateAdminAsync,
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
        var configArgs = args[1..].Where((a, i) => !IsCommandArgument(args[1..], i)).ToArray();
        var builder = WebApplication.CreateBuilder(configArgs);
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

    private static string? ArgumentValue(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static bool IsCommandArgument(string[] args, int index) =>
        args[index] is "--email" or "--password" || (index > 0 && args[index - 1] is "--email" or "--password");
}
