using System.Data.Common;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SupplierQuality.Integration.Tests.Infrastructure;

/// <summary>
/// The grain states a node stored (JSON, docs/adr/0004), read and rewritten in place in its SQLite or PostgreSQL
/// database: how the stored-shape tests make rows as an earlier release wrote them.
/// </summary>
public static class StoredStates
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A connection to the database that node <paramref name="settings"/> name (SQLite when they say so, else PostgreSQL).</summary>
    public static DbConnection Connect(IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.GetValueOrDefault("Storage:Provider") == "Sqlite"
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = settings["Storage:SqlitePath"], Pooling = false }.ConnectionString)
            : new NpgsqlConnection(settings["ConnectionStrings:SupplierQuality"]);
    }

    /// <summary>Every stored state, as JSON.</summary>
    public static async Task<List<JsonObject>> ReadAsync(IReadOnlyDictionary<string, string?> settings) =>
        [.. (await ReadRowsAsync(settings)).Select(r => r.State)];

    /// <summary>
    /// Writes back every stored state that <paramref name="rewrite"/> changed (it answers true), while the node is
    /// stopped; returns how many rows it wrote.
    /// </summary>
    public static async Task<int> RewriteAsync(IReadOnlyDictionary<string, string?> settings, Func<JsonObject, bool> rewrite)
    {
        ArgumentNullException.ThrowIfNull(rewrite);
        var changed = (await ReadRowsAsync(settings)).Where(r => rewrite(r.State)).ToList();
        await using var connection = Connect(settings);
        await connection.OpenAsync(Cancel);
        foreach (var (payload, state) in changed)
        {
            await using var write = connection.CreateCommand();
            write.CommandText = "UPDATE OrleansStorage SET PayloadBinary = @changed WHERE PayloadBinary = @old";
            write.Parameters.Add(Parameter(write, "@changed", Encoding.UTF8.GetBytes(state.ToJsonString())));
            write.Parameters.Add(Parameter(write, "@old", payload));
            Assert.Equal(1, await write.ExecuteNonQueryAsync(Cancel));
        }

        return changed.Count;
    }

    private static async Task<List<(byte[] Payload, JsonObject State)>> ReadRowsAsync(IReadOnlyDictionary<string, string?> settings)
    {
        await using var connection = Connect(settings);
        await connection.OpenAsync(Cancel);
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT PayloadBinary FROM OrleansStorage WHERE PayloadBinary IS NOT NULL";
        await using var reader = await read.ExecuteReaderAsync(Cancel);
        var rows = new List<(byte[], JsonObject)>();
        while (await reader.ReadAsync(Cancel))
        {
            var payload = (byte[])reader[0];
            if (JsonNode.Parse(payload) is JsonObject state)
            {
                rows.Add((payload, state));
            }
        }

        return rows;
    }

    private static DbParameter Parameter(DbCommand command, string name, byte[] value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        return parameter;
    }
}
