using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Suppliers;

/// <summary>
/// The rules a supplier profile must meet, shared by the REST API, the pages and the grain (which never trusts
/// its caller). Error keys are camel-case JSON paths (<c>name</c>, <c>contacts[0].email</c>) so API clients can
/// point at the field; pages map them to their own field names.
/// </summary>
public static class SupplierInput
{
    public const int MaxNameLength = 200;
    public const int MaxCategoryLength = 100;
    public const int MaxExternalIdLength = 100;
    public const int MaxContacts = 20;
    public const int MaxContactNameLength = 200;

    /// <summary>The longest address SMTP can carry (RFC 5321 path limit less the angle brackets).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>Trims every text, turns blank optional texts into null and a missing contact list into an empty one.</summary>
    public static SupplierProfile Normalize(SupplierProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new SupplierProfile(
            profile.Name?.Trim() ?? string.Empty,
            Blank(profile.Category),
            Blank(profile.ExternalId),
            profile.Status,
            // A preferred language is kept as the code offered ("DE" is de); one not offered is dropped, as English is the default anyway.
            [.. (profile.Contacts ?? []).Select(c => new SupplierContact(
                Blank(c?.Name),
                c?.Email?.Trim() ?? string.Empty,
                Language: Email.Languages.Language.TryFind(c?.Language, out var language) ? language.Code : null))]);
    }

    /// <summary>Field errors of a normalized profile; empty when it is valid.</summary>
    public static Dictionary<string, string[]> Validate(SupplierProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var errors = new FieldErrors();

        if (string.IsNullOrWhiteSpace(profile.Name))
        {
            errors.Add("name", "Enter the supplier's name.");
        }
        else if (profile.Name.Length > MaxNameLength)
        {
            errors.Add("name", $"The name must be at most {MaxNameLength} characters.");
        }

        if (profile.Category is { Length: > MaxCategoryLength })
        {
            errors.Add("category", $"The category must be at most {MaxCategoryLength} characters.");
        }

        if (profile.ExternalId is { Length: > MaxExternalIdLength })
        {
            errors.Add("externalId", $"The external id must be at most {MaxExternalIdLength} characters.");
        }

        foreach (var (key, value) in new[] { ("name", profile.Name), ("category", profile.Category), ("externalId", profile.ExternalId) })
        {
            if (TextProblem(value) is { } problem)
            {
                errors.Add(key, problem);
            }
        }

        if (!Enum.IsDefined(profile.Status))
        {
            errors.Add("status", "The status must be Active or Inactive.");
        }

        var contacts = profile.Contacts ?? [];
        if (contacts.Count > MaxContacts)
        {
            errors.Add("contacts", $"A supplier can have at most {MaxContacts} contacts.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < contacts.Count; i++)
        {
            var contact = contacts[i];
            if (contact?.Name is { Length: > MaxContactNameLength })
            {
                errors.Add($"contacts[{i}].name", $"The contact name must be at most {MaxContactNameLength} characters.");
            }

            if (TextProblem(contact?.Name) is { } problem)
            {
                errors.Add($"contacts[{i}].name", problem);
            }

            var email = contact?.Email;
            if (string.IsNullOrWhiteSpace(email))
            {
                errors.Add($"contacts[{i}].email", "Enter the contact's email address.");
            }
            else if (email.Length > MaxEmailLength)
            {
                errors.Add($"contacts[{i}].email", $"The email address must be at most {MaxEmailLength} characters.");
            }
            else if (!IsPlainEmailAddress(email))
            {
                errors.Add($"contacts[{i}].email", "Enter an email address like name@example.com.");
            }
            else if (!seen.Add(email))
            {
                errors.Add($"contacts[{i}].email", "This email address is already a contact of this supplier.");
            }
        }

        return errors.ToDictionary();
    }

    /// <summary>
    /// Why a name, category, external id or contact name cannot be stored, or null. One rule for every entry point (form,
    /// API, CSV import): these values end up in exported spreadsheets and in emails, so a value a spreadsheet would
    /// run as a formula (starting with = + - or @; a lone "-" or "+" is none), and line breaks or other invisible
    /// control characters, are refused rather than quietly altered.
    /// </summary>
    public static string? TextProblem(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Any(char.IsControl))
        {
            return "The value has a line break or an invisible control character. Remove it.";
        }

        var start = value.TrimStart();
        return start.Length > 1 && start[0] is '=' or '+' or '-' or '@'
            ? $"The value starts with \"{start[0]}\", so a spreadsheet would run it as a formula when the list is opened later. Remove the \"{start[0]}\"."
            : null;
    }

    /// <summary>
    /// Parses a status name as a person or a system would send it (any case). Absent or empty is valid and gives null,
    /// which means "Active" for a new supplier and "any" for a filter; only spaces is a mistake, not a choice.
    /// </summary>
    public static bool TryParseStatus(string? value, out SupplierStatus? status)
    {
        status = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        // Enum.TryParse alone would also take "1" or "Active,Inactive".
        foreach (var candidate in Enum.GetValues<SupplierStatus>())
        {
            if (string.Equals(candidate.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A bare address only, by the same rule as account emails: <c>MailAddress</c> alone also accepts display names
    /// ("Bob &lt;bob@x.com&gt;") and quoted forms, which would put another recipient behind a familiar name.
    /// </summary>
    private static bool IsPlainEmailAddress(string email) => AccountEmail.Normalize(email) is not null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
