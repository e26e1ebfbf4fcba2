using System.Diagnostics;
using System.Net;
using Npgsql;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Hosting;

public sealed class NodeEndpointsTests(PostgresServer postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Orleans_dashboard_is_for_admins_only()
    {
        await using var node = await TestNode.StartAsync();
        using var anonymous = node.CreateClient();
        using var manager = await node.CreateSignedInClientAsync(Roles.QualityManager);
        using var admin = await node.CreateSignedInClientAsync(Roles.Admin);

        using var anonymousAnswer = await anonymous.GetAsync(new Uri("/admin/dashboard/", UriKind.Relative), Cancel);
        using var managerAnswer = await manager.GetAsync(new Uri("/admin/dashboard/", UriKind.Relative), Cancel);
        using var adminAnswer = await admin.GetAsync(new Uri("/admin/dashboard/", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Redirect, anonymousAnswer.StatusCode);
        Assert.StartsWith("/account/sign-in", anonymousAnswer.RedirectTarget(), StringComparison.Ordinal);
        Assert.StartsWith("/account/denied", managerAnswer.RedirectTarget(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, adminAnswer.StatusCode);
    }

    [Theory]
    [InlineData("/account/sign-in")]
    [InlineData("/suppliers/new")]
    public async Task A_form_field_with_a_half_open_bracket_is_not_a_server_error(string path)
    {
        await using var node = await TestNode.StartAsync();
        using var manager = await node.CreateSignedInClientAsync(Roles.QualityManager);

        using var answer = await manager.PostFormAsync(path, [new("answers[", "1"), new("Name", "x")]);

        Assert.True((int)answer.StatusCode < 500, $"{(int)answer.StatusCode} for {path}");
    }

    [Fact]
    public async Task Migrate_command_prepares_an_empty_PostgreSQL_database_and_is_a_no_op_the_second_time()
    {
        postgres.RequireAvailable();
        var connectionString = await postgres.CreateDatabaseAsync();

        var first = await RunNodeCommandAsync("migrate", connectionString);
        var second = await RunNodeCommandAsync("migrate", connectionString);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("Applied 0 migrations", second.Output, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('orleansquery', 'orleansstorage', 'orleansmembershiptable', 'orleansreminderstable')",
            connection);
        Assert.Equal(4L, await command.ExecuteScalarAsync(Cancel));
    }

    private static async Task<(int ExitCode, string Output)> RunNodeCommandAsync(string commandName, string connectionString)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SupplierQuality.Web.dll"));
        info.ArgumentList.Add(commandName);
        info.Environment["ConnectionStrings__SupplierQuality"] = connectionString;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var error = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        return (process.ExitCode, await output + await error);
    }
}
