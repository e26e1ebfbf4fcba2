using System.ComponentModel.DataAnnotations;
using SupplierQuality.Grains.Accounts;

namespace SupplierQuality.Web.Accounts;

/// <summary>Sign-in sessions and the first admin. Bound from the "Accounts" section.</summary>
internal sealed class AccountsOptions : IValidatableObject
{
    public const string SectionName = "Accounts";

    /// <summary>Created at start-up when absent; an existing account is left alone (its password is not reset).</summary>
    public InitialAdminOptions InitialAdmin { get; set; } = new();

    /// <summary>A session ends after this long without a request (sliding).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var email = InitialAdmin.Email;
        var password = InitialAdmin.Password;
        if (string.IsNullOrWhiteSpace(email))
        {
            if (!string.IsNullOrEmpty(password))
            {
                yield return new ValidationResult(
                    "Accounts:InitialAdmin:Password is set but Accounts:InitialAdmin:Email is not.", ["InitialAdmin.Email"]);
            }

            yield break;
        }

        if (AccountEmail.Normalize(email) is null)
        {
            yield return new ValidationResult($"Accounts:InitialAdmin:Email '{email}' is not an email address.", ["InitialAdmin.Email"]);
        }

        if (string.IsNullOrEmpty(password))
        {
            // A generated password would have to be logged, and logs travel further than configuration.
            yield return new ValidationResult(
                "Accounts:InitialAdmin:Password is required with Accounts:InitialAdmin:Email; or leave both out and run " +
                "the create-admin command, which prints a one-time password.", ["InitialAdmin.Password"]);
        }
        else if (PasswordPolicy.Problem(password) is { } problem)
        {
            yield return new ValidationResult($"Accounts:InitialAdmin:Password is too weak: {problem}", ["InitialAdmin.Password"]);
        }
    }
}

internal sealed class InitialAdminOptions
{
    public string? Email { get; set; }

    public string? Password { get; set; }
}
