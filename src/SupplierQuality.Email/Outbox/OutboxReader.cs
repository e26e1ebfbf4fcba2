using System.Text.Json;
using Microsoft.Extensions.Options;

namespace SupplierQuality.Email.Outbox;

/// <summary>Reads the development outbox for the admin Outbox page and for tests.</summary>
public sealed class OutboxReader(IOptions<MailOptions> options)
{
    private readonly string _folder = OutboxFolder.Path(options);

    /// <summary>Messages newest first; <paramref name="skip"/> and <paramref name="take"/> page through them.</summary>
    public async Task<OutboxPage> ListAsync(int skip, int take, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        if (!Directory.Exists(_folder))
        {
            return new OutboxPage([], 0);
        }

        var files = new DirectoryInfo(_folder).EnumerateFiles("*" + OutboxFolder.Extension)
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        var messages = new List<OutboxMessage>(Math.Min(take, files.Count));
        foreach (var file in files.Skip(skip).Take(take))
        {
            if (await ReadFileAsync(file.FullName, ct) is { } message)
            {
                messages.Add(message);
            }
        }

        return new OutboxPage(messages, files.Count);
    }

    /// <summary>The message with this id, or null.</summary>
    public Task<OutboxMessage?> ReadAsync(string id, CancellationToken ct) =>
        ReadFileAsync(Path.Combine(_folder, OutboxFolder.FileName(id)), ct);

    private static async Task<OutboxMessage?> ReadFileAsync(string path, CancellationToken ct)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<OutboxMessage>(stream, OutboxFolder.Json, ct);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }
}
