namespace SupplierQuality.Grains.Commands;

/// <summary>
/// The field errors an input's validation collects: messages by key ("name", "questions[2].text"), in the order they
/// were found, as <see cref="CommandResult{T}.Errors"/> and a 400's problem details carry them.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _messages = new(StringComparer.Ordinal);

    public FieldErrors(IReadOnlyDictionary<string, string[]>? initial = null)
    {
        foreach (var (key, messages) in initial ?? new Dictionary<string, string[]>())
        {
            _messages[key] = [.. messages];
        }
    }

    public int Count => _messages.Count;

    public bool Has(string key) => _messages.ContainsKey(key);

    public void Add(string key, string message)
    {
        if (!_messages.TryGetValue(key, out var messages))
        {
            _messages[key] = messages = [];
        }

        messages.Add(message);
    }

    public void Add(string key, IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            Add(key, message);
        }
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _messages.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
