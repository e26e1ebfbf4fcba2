using System.ComponentModel.DataAnnotations;

namespace SupplierQuality.Web.Accounts;

/// <summary>Failed sign-ins per client address (<see cref="SignInAddressLimiter"/>). Bound from "Accounts:SignInLimit".</summary>
internal sealed class SignInLimitOptions
{
    public const string SectionName = "Accounts:SignInLimit";

    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 10;

    /// <summary>How long a failed sign-in counts against its address (sliding).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
