namespace SupplierQuality.Grains.Accounts;

/// <summary>The roles a person or an API key holds. Stored by name, so names never change.</summary>
public static class Roles
{
    public const string QualityManager = "QualityManager";
    public const string Executive = "Executive";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [QualityManager, Executive, Admin];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
