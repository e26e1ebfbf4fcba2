using System.ComponentModel.DataAnnotations;

namespace SupplierQuality.Grains.Accounts;

/// <summary>
/// How an account slows password guesses: once <see cref="FailuresBeforeDelay"/> failures fall within
/// <see cref="Window"/>, the answer to every further attempt (right password or wrong) waits <see cref="FirstDelay"/>,
/// doubling with each further failure up to <see cref="MaxDelay"/>. Bound from "Accounts:SignInThrottle".
/// </summary>
internal sealed class SignInThrottleOptions : IValidatableObject
{
    public const string SectionName = "Accounts:SignInThrottle";

    [Range(1, 100)]
    public int FailuresBeforeDelay { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a failure counts (sliding).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxDelay < FirstDelay)
        {
            yield return new ValidationResult(
                $"{SectionName}:MaxDelay ({MaxDelay}) is shorter than {SectionName}:FirstDelay ({FirstDelay}).", [nameof(MaxDelay)]);
        }
    }
}
