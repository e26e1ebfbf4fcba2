namespace SupplierQuality.Grains.Accounts;

[GenerateSerializer]
[Alias("SupplierQuality.Accounts.SessionKeyRingState")]
internal sealed class SessionKeyRingState
{
    /// <summary>Key elements by friendly name, in the order they were stored.</summary>
    [Id(0)]
    public List<KeyValuePair<string, string>> Keys { get; set; } = [];
}
