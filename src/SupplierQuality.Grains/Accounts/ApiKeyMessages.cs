namespace SupplierQuality.Grains.Accounts;

[GenerateSerializer, Immutable]
[Alias("SupplierQuality.Accounts.NewApiKey")]
public sealed record NewApiKey(
    [property: Id(0)] string Name,
    [property: Id(1)] string Role,
    [property: Id(2)] string CreatedBy);

/// <summary>An API key as admins and the authentication handler see it; never the key itself.</summary>
[GenerateSerializer, Immutable]
[Alias("SupplierQuality.Accounts.ApiKeyInfo")]
public sealed record ApiKeyInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Role,
    [property: Id(3)] string CreatedBy,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? RevokedAt,
    [property: Id(6)] string? RevokedBy)
{
    public bool IsRevoked => RevokedAt is not null;
}
