using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Accounts;

/// <summary>The account's stored shape through the node's real grain storage serializer.</summary>
public sealed class AccountStorageTests
{
    /// <summary>
    /// Account state written while wrong passwords locked accounts holds a failure count and a lockout end: it still
    /// loads, with everything else as it was (the two are no longer read).
    /// </summary>
    [Fact]
    public async Task Account_state_stored_with_a_lockout_still_loads()
    {
        await using var node = await TestNode.StartAsync();
        var serializer = node.Services.GetRequiredService<IGrainStorageSerializer>();
        var current = new AccountState
        {
            Email = "locked@test.local",
            DisplayName = "Lee Locked",
            Role = Roles.Admin,
            PasswordHash = "AQAAAAIAAYagAAAAEHash",
            MustChangePassword = true,
            Disabled = false,
            SecurityStamp = "0123456789abcdef0123456789abcdef",
            CreatedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero),
        };
        var old = JsonNode.Parse(serializer.Serialize(current).ToString())!.AsObject();
        old["FailedAttempts"] = 4;
        old["LockoutEnd"] = "2025-03-04T05:21:07+00:00";

        var loaded = serializer.Deserialize<AccountState>(BinaryData.FromString(old.ToJsonString()))!;

        Assert.Equal(
            (current.Email, current.DisplayName, current.Role, current.PasswordHash, current.MustChangePassword, current.Disabled, current.SecurityStamp, current.CreatedAt),
            (loaded.Email, loaded.DisplayName, loaded.Role, loaded.PasswordHash, loaded.MustChangePassword, loaded.Disabled, loaded.SecurityStamp, loaded.CreatedAt));
    }
}
