using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SupplierQuality.Email.Outbox;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Integration.Tests.Campaigns;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Invitations;
using SupplierQuality.Integration.Tests.Suppliers;
using SupplierQuality.Storage;
using SupplierQuality.Web.Hosting;

namespace SupplierQuality.Integration.Tests.Hosting;

/// <summary>
/// <c>copy-to-postgres</c> moves a stopped embedded node into PostgreSQL, and a node started there serves the same data.
/// </summary>
public sealed partial class CopyToPostgresTests(PostgresServer postgres)
{
    private const string ReminderName = "moved-reminder";

    // Whole seconds: timestamptz keeps microseconds, so a value with 100 ns ticks would not compare equal.
    private static readonly DateTime ReminderStart = new(2035, 3, 1, 8, 30, 0, DateTimeKind.Utc);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stopped_SQLite_node_moves_to_PostgreSQL_with_its_suppliers_accounts_API_keys_and_reminders()
    {
        postgres.RequireAvailable();
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "node.db");
        var before = await PopulateAsync(file, supplierCount: 5);
        var target = await postgres.CreateDatabaseAsync();
        var (grainStates, reminders) = CountSqliteRows(file);

        var copy = await CopyInProcessAsync(file, target);

        Assert.True(copy.ExitCode == 0, copy.Text);
        Assert.Contains($"Copied {grainStates} grain states and {reminders} reminder of service id 'supplierquality'", copy.Text, StringComparison.Ordinal);
        await using var node = await TestNode.StartAsync(PostgreSqlSettings(target));
        using var api = NodeDurabilityTests.ApiClient(node.BaseAddress, before.ApiKey);
        foreach (var (location, json) in before.Suppliers)
        {
            Assert.Equal(json, await api.GetStringAsync(location, Cancel));
        }

        var list = await api.GetFromJsonAsync<JsonElement>(new Uri("/api/suppliers", UriKind.Relative), Cancel);
        Assert.Equal(before.Suppliers.Count, list.GetProperty("total").GetInt32());
        using var person = node.CreateClient();
        using var signIn = await person.PostSignInAsync(before.AccountEmail, before.AccountPassword);
        // A one-time password still has to be changed: the account came over with its state, not just its name.
        Assert.StartsWith("/account/change-password", signIn.RedirectTarget(), StringComparison.Ordinal);
        var reminder = await node.Services.GetRequiredService<IReminderTable>().ReadRow(ReminderGrain, ReminderName, Cancel);
        Assert.NotNull(reminder);
        Assert.Equal((ReminderStart, TimeSpan.FromHours(6)), (reminder.StartAt.ToUniversalTime(), reminder.Period));
    }

    [Fact]
    public async Task A_campaign_its_answers_and_its_links_move_to_PostgreSQL()
    {
        postgres.RequireAvailable();
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "node.db");
        var settings = new Dictionary<string, string?>(SqliteSettings(file)) { ["Mail:OutboxPath"] = Path.Combine(directory.Path, "outbox") };
        var campaignId = Guid.NewGuid();
        string token;
        await using (var node = await TestNode.StartAsync(settings))
        {
            var (suppliers, emails) = await CampaignSamples.SuppliersAsync(node.Grains, 1, 1);
            var (questionnaireId, version) = await CampaignSamples.QuestionnaireAsync(node.Grains);
            var campaign = node.Grains.GetGrain<ICampaignGrain>(campaignId);
            await campaign.CreateAsync(CampaignSamples.Definition(questionnaireId, DateTimeOffset.UtcNow, suppliers));
            await campaign.LaunchAsync();
            await campaign.RunAsync();
            var outbox = await node.Services.GetRequiredService<OutboxReader>().ListAsync(0, 10, Cancel);
            token = CampaignSamples.TokenIn(outbox.Messages.Single(m => m.To.Email == emails[0]).TextBody);
            await InvitationsNode.Grain(node, token).SubmitAsync(CampaignSamples.Complete(version), Guid.NewGuid());
            await CampaignSamples.EventuallyAsync(() => campaign.GetAsync()!, d => d!.Counts.Submitted == 1, "the answer to be counted");
        }

        var target = await postgres.CreateDatabaseAsync();
        Assert.Equal(0, (await CopyInProcessAsync(file, target)).ExitCode);

        await using var moved = await TestNode.StartAsync(PostgreSqlSettings(target));
        var details = (await moved.Grains.GetGrain<ICampaignGrain>(campaignId).GetAsync())!;
        Assert.Equal((CampaignStatus.Open, 2, 2, 1), (details.Status, details.Counts.Invited, details.Counts.Sent, details.Counts.Submitted));
        // The link in the email still opens the supplier's submitted answers: the link key came over too.
        using var client = moved.CreateClient();
        var form = await HtmlPage.GetAsync(client, $"/s/{token}");
        Assert.Contains("Version 1, sent", form.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_line_refuses_while_the_node_runs_and_copies_once_it_is_stopped()
    {
        postgres.RequireAvailable();
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "node.db");
        var target = await postgres.CreateDatabaseAsync();

        CommandResult refused;
        await using (var node = await TestNode.StartAsync(SqliteSettings(file)))
        {
            using var api = await node.CreateApiClientAsync(Roles.QualityManager);
            (await api.PostAsJsonAsync(new Uri("/api/suppliers", UriKind.Relative), new { name = "Running Node Ltd" }, Cancel)).Dispose();
            refused = await RunCommandLineAsync(file, "copy-to-postgres", "--to", target);
        }

        var afterRefusal = await CountPostgreSqlRowsAsync(target);
        var copied = await RunCommandLineAsync(file, "copy-to-postgres", "--to", target);

        Assert.True(refused.ExitCode == 1, refused.Text);
        Assert.Contains("Stop the node before copying", refused.Text, StringComparison.Ordinal);
        Assert.Equal((0L, 0L), afterRefusal);
        Assert.True(copied.ExitCode == 0, copied.Text);
        var (grainStates, reminders) = CountSqliteRows(file);
        Assert.Contains($"Copied {grainStates} grain states and {reminders} reminders", copied.Text, StringComparison.Ordinal);
        Assert.Equal((grainStates, reminders), await CountPostgreSqlRowsAsync(target));
    }

    [Fact]
    public async Task A_target_that_already_holds_data_is_refused_without_overwrite_and_left_as_it_was()
    {
        postgres.RequireAvailable();
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "node.db");
        await PopulateAsync(file, supplierCount: 1);
        var target = await postgres.CreateDatabaseAsync();
        Assert.Equal(0, (await CopyInProcessAsync(file, target)).ExitCode);
        await ExecutePostgreSqlAsync(target, "UPDATE OrleansStorage SET Version = Version + 10");
        var snapshot = await SnapshotAsync(target);

        var again = await CopyInProcessAsync(file, target);

        Assert.True(again.ExitCode == 2, again.Text);
        Assert.Matches(NothingCopied(), again.Text);
        Assert.Contains("--overwrite", again.Text, StringComparison.Ordinal);
        Assert.Equal(snapshot, await SnapshotAsync(target));
    }

    [Fact]
    public async Task Copying_twice_with_overwrite_replaces_rows_of_the_same_identity_and_gives_the_same_result()
    {
        postgres.RequireAvailable();
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "node.db");
        await PopulateAsync(file, supplierCount: 2);
        var target = await postgres.CreateDatabaseAsync();

        var first = await CopyInProcessAsync(file, target, "--overwrite");
        var afterFirst = await SnapshotAsync(target);
        // Damage the copy, and add a row the file does not have: the second run must repair the one and keep the other.
        await ExecutePostgreSqlAsync(target, "UPDATE OrleansStorage SET PayloadBinary = NULL, Version = 99");
        await ExecutePostgreSqlAsync(target, "UPDATE OrleansRemindersTable SET Period = 1, Version = 99");
        await ExecutePostgreSqlAsync(target, """
            INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
            VALUES ('supplierquality', 'other/grain', 'only-in-postgres', now(), 60000, 7, 0)
            """);
        var second = await CopyInProcessAsync(file, target, "--overwrite");
        var afterSecond = await SnapshotAsync(target);

        Assert.True(first.ExitCode == 0, first.Text);
        Assert.True(second.ExitCode == 0, second.Text);
        var (grainStates, reminders) = CountSqliteRows(file);
        Assert.Contains($"Copied {grainStates} grain states and {reminders} reminder", first.Text, StringComparison.Ordinal);
        Assert.Contains($"Copied {grainStates} grain states and {reminders} reminder", second.Text, StringComparison.Ordinal);
        Assert.Contains($"replaced {grainStates} grain states and {reminders} reminders", second.Text, StringComparison.Ordinal);
        var extra = Assert.Single(afterSecond, r => r.Contains("|only-in-postgres|", StringComparison.Ordinal));
        Assert.Equal(afterFirst, afterSecond.Where(r => r != extra));
    }

    [Fact]
    public async Task A_missing_SQLite_file_and_an_unreachable_target_are_reported_plainly()
    {
        using var directory = new TemporaryDirectory();
        var missingFile = Path.Combine(directory.Path, "nothing-here.db");
        var file = Path.Combine(directory.Path, "node.db");
        await MigrationRunner.ApplyAsync(DatabaseDialect.Sqlite, $"Data Source={file};Pooling=False", NullLogger.Instance, Cancel);
        var port = FreePort.Next();

        var missing = await CopyInProcessAsync(missingFile, "Host=127.0.0.1;Port=5432;Database=sq;Username=sq");
        var unreachable = await CopyInProcessAsync(file, $"Host=127.0.0.1;Port={port};Database=sq;Username=sq;Timeout=3");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains($"There is no SQLite database at {missingFile}", missing.Text, StringComparison.Ordinal);
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains($"Cannot connect to PostgreSQL at 127.0.0.1:{port}", unreachable.Text, StringComparison.Ordinal);
    }

    private static GrainId ReminderGrain => GrainId.Create("moved-probe", "one");

    private static Dictionary<string, string?> SqliteSettings(string file) => new()
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:SqlitePath"] = file,
    };

    private static Dictionary<string, string?> PostgreSqlSettings(string connectionString) => new()
    {
        ["Storage:Provider"] = null,
        ["ConnectionStrings:SupplierQuality"] = connectionString,
    };

    /// <summary>
    /// Runs a SQLite node and fills it the way people do, through HTTP: the admin signs in, makes an account and an
    /// API key on the admin pages, and the key creates suppliers with contacts (one of them updated). A reminder is
    /// registered through the node's reminder table, as a grain would. The node is stopped on return.
    /// </summary>
    private static async Task<Population> PopulateAsync(string file, int supplierCount)
    {
        await using var node = await TestNode.StartAsync(SqliteSettings(file));
        using var admin = node.CreateClient();
        await admin.SignInAsync(TestNode.AdminEmail, TestNode.AdminPassword);
        var accountEmail = $"moved-{Guid.NewGuid():N}@test.local";
        using var account = await admin.PostFormAsync(
            "/admin/accounts?handler=Create",
            [new("NewEmail", accountEmail), new("NewDisplayName", "Mo Ved"), new("NewRole", Roles.Executive)]);
        var accountPassword = Code(await account.Content.ReadAsStringAsync(Cancel), "one-time-password");
        using var keyPage = await admin.PostFormAsync("/admin/api-keys?handler=Create", [new("NewName", "ERP"), new("NewRole", Roles.QualityManager)]);
        var apiKey = Code(await keyPage.Content.ReadAsStringAsync(Cancel), "api-key");

        using var api = NodeDurabilityTests.ApiClient(node.BaseAddress, apiKey);
        var locations = new List<Uri>();
        for (var i = 0; i < supplierCount; i++)
        {
            using var created = await api.PostAsJsonAsync(
                new Uri("/api/suppliers", UriKind.Relative),
                new
                {
                    name = $"Moved Supplier {i:D2}",
                    category = i % 2 == 0 ? "castings" : "logistics",
                    externalId = $"ERP-{i:D4}",
                    contacts = new[] { new { name = $"Contact {i}", email = $"contact{i}@moved.example" }, new { name = "Quality desk", email = $"quality{i}@moved.example" } },
                },
                Cancel);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            locations.Add(created.Headers.Location!);
        }

        var firstSupplier = await api.GetFromJsonAsync<JsonElement>(locations[0], Cancel);
        using var updated = await api.PutAsJsonAsync(
            locations[0],
            new { name = "Moved Supplier 00 (renamed)", category = "castings", contacts = new[] { new { name = "Ana", email = "ana@moved.example" } }, version = firstSupplier.GetProperty("version").GetInt32() },
            Cancel);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        await node.Services.GetRequiredService<IReminderTable>().UpsertRow(new ReminderEntry
        {
            GrainId = ReminderGrain,
            ReminderName = ReminderName,
            StartAt = ReminderStart,
            Period = TimeSpan.FromHours(6),
        });

        var suppliers = new Dictionary<Uri, string>();
        foreach (var location in locations)
        {
            suppliers[location] = await api.GetStringAsync(location, Cancel);
        }

        return new Population(suppliers, apiKey, accountEmail, accountPassword);
    }

    private static async Task<CommandResult> CopyInProcessAsync(string file, string target, params string[] options)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CopyToPostgresCommand.RunAsync(
            [CopyToPostgresCommand.Name, "--to", target, .. options, $"--Storage:SqlitePath={file}"], output, error, Cancel);
        return new CommandResult(exitCode, $"{output}{error}");
    }

    /// <summary>The command as an operator runs it: the built node dll in its own process, configured by environment.</summary>
    private static async Task<CommandResult> RunCommandLineAsync(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SupplierQuality.Web.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["Storage__SqlitePath"] = file;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the node dll");
        var stdout = process.StandardOutput.ReadToEndAsync(Cancel);
        var stderr = process.StandardError.ReadToEndAsync(Cancel);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CommandResult(process.ExitCode, $"{await stdout}{await stderr}");
    }

    private static (long GrainStates, long Reminders) CountSqliteRows(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM OrleansStorage), (SELECT count(*) FROM OrleansRemindersTable)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<(long GrainStates, long Reminders)> CountPostgreSqlRowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM OrleansStorage), (SELECT count(*) FROM OrleansRemindersTable)", connection);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(Cancel);
            await reader.ReadAsync(Cancel);
            return (reader.GetInt64(0), reader.GetInt64(1));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // Not even migrated: nothing was copied.
            return (0, 0);
        }
    }

    /// <summary>Every row of both tables, every column, as text in a fixed order.</summary>
    private static async Task<List<string>> SnapshotAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("""
            SELECT concat_ws('|', 'storage', GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
                coalesce(GrainIdExtensionString, '<null>'), ServiceId, coalesce(encode(PayloadBinary, 'hex'), '<null>'),
                to_char(ModifiedOn AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), Version)
            FROM OrleansStorage
            UNION ALL
            SELECT concat_ws('|', 'reminder', ServiceId, GrainId, ReminderName,
                to_char(StartTime AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), Period, GrainHash, Version)
            FROM OrleansRemindersTable
            ORDER BY 1
            """, connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static async Task ExecutePostgreSqlAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    /// <summary>The text of the element with this id (the admin pages show secrets in a <c>code</c> element).</summary>
    private static string Code(string html, string id)
    {
        var match = CodeElement().Match(html);
        Assert.True(match.Success && match.Groups["id"].Value == id, $"No <code id=\"{id}\"> on the page.");
        return WebUtility.HtmlDecode(match.Groups["text"].Value);
    }

    [GeneratedRegex("""<code id="(?<id>[^"]+)">(?<text>[^<]+)</code>""")]
    private static partial Regex CodeElement();

    [GeneratedRegex(@"Nothing copied: .* already holds \d+ grain states and 1 reminder of service id 'supplierquality'")]
    private static partial Regex NothingCopied();

    private sealed record Population(IReadOnlyDictionary<Uri, string> Suppliers, string ApiKey, string AccountEmail, string AccountPassword);

    private sealed record CommandResult(int ExitCode, string Text);
}
