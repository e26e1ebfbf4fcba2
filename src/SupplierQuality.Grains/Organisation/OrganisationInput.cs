using System.Globalization;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Commands;

namespace SupplierQuality.Grains.Organisation;

/// <summary>
/// The rules the organisation's settings must meet, shared by the page, the API and the grain. Error keys are the
/// camel-case field names (<c>name</c>, <c>replyTo</c>, <c>logo</c>).
/// </summary>
public static class OrganisationInput
{
    /// <summary>The name a new installation starts with: never one to show suppliers.</summary>
    public const string Placeholder = "Our company";

    /// <summary>The privacy note until an admin writes one.</summary>
    public const string DefaultPrivacyNote =
        "Your answers are read by our quality team, who use them to review and improve how we work with our suppliers.";

    /// <summary>As a campaign's buying company name (<see cref="Campaigns.CampaignInput.MaxNameLength"/>).</summary>
    public const int MaxNameLength = 200;

    public const int MaxPrivacyNoteLength = 1000;

    /// <summary>A logo is shown about 48 px high; 200 KB is ample and keeps the state small.</summary>
    public const int MaxLogoBytes = 200 * 1024;

    public const string LogoTypes = "PNG, JPEG or GIF";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly byte[] JpegSignature = [0xFF, 0xD8, 0xFF];

    /// <summary>What a campaign launch says while suppliers would see the placeholder as the buying company.</summary>
    public const string UnnamedLaunchMessage =
        $"Suppliers would see the buying company as \"{Placeholder}\". An admin sets your company's name in Organisation settings (/admin/organisation), "
        + "and this draft then takes it when launched; or enter your company's name in this draft.";

    /// <summary>Whether <paramref name="name"/> is the placeholder, in any case or spacing.</summary>
    public static bool IsPlaceholder(string? name) => string.Equals(name?.Trim(), Placeholder, StringComparison.OrdinalIgnoreCase);

    /// <summary>The profile before anyone saved one.</summary>
    public static OrganisationProfile Initial(string? initialName) =>
        new(string.IsNullOrWhiteSpace(initialName) ? Placeholder : initialName.Trim(), null, null, null, DefaultPrivacyNote);

    /// <summary>Trimmed; optional values left empty become null.</summary>
    public static OrganisationProfile Normalize(OrganisationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new OrganisationProfile(
            profile.Name?.Trim() ?? string.Empty,
            Optional(profile.ContactName),
            Optional(profile.ContactEmail),
            Optional(profile.ReplyTo),
            profile.PrivacyNote?.Trim().ReplaceLineEndings("\n") ?? string.Empty);
    }

    /// <summary>Field errors of a normalized profile; empty when valid.</summary>
    public static Dictionary<string, string[]> Validate(OrganisationProfile p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var errors = new FieldErrors();
        if (p.Name.Length == 0)
        {
            errors.Add("name", "Enter your company's name as suppliers know it.");
        }
        else if (IsPlaceholder(p.Name))
        {
            errors.Add("name", $"Enter your company's own name: \"{Placeholder}\" is only the placeholder a new installation starts with.");
        }

        OneLine(errors, "name", p.Name, MaxNameLength, "the company's name");
        OneLine(errors, "contactName", p.ContactName, MaxNameLength, "the contact person's name");
        Address(errors, "contactEmail", p.ContactEmail, "The contact person's email");
        Address(errors, "replyTo", p.ReplyTo, "The reply-to address");
        if (p.PrivacyNote.Length == 0)
        {
            errors.Add("privacyNote", "Say who sees the answers and what they are used for: every email and form shows it.");
        }
        else if (p.PrivacyNote.Length > MaxPrivacyNoteLength)
        {
            errors.Add("privacyNote", $"Shorten the privacy note to at most {MaxPrivacyNoteLength} characters.");
        }

        return errors.ToDictionary();
    }

    /// <summary>
    /// The content type of a logo file, told by its first bytes (the name and the type a browser claims are not
    /// believed), or the reason it is refused: not a PNG, JPEG or GIF image (an SVG can carry script), empty, or too big.
    /// </summary>
    public static (string? ContentType, string? Problem) CheckLogo(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return (null, "The logo file is empty.");
        }

        if (bytes.Length > MaxLogoBytes)
        {
            return (null, LogoTooBig(bytes.Length));
        }

        return ContentTypeOf(bytes) is { } type
            ? (type, null)
            : (null, $"The logo must be a {LogoTypes} image; this file is none of them.");
    }

    /// <summary>Why a logo of <paramref name="length"/> bytes (null: more than allowed, exactly unknown) is refused.</summary>
    public static string LogoTooBig(long? length) =>
        (length is { } bytes ? $"The logo is {Kilobytes(bytes)}; the most is {Kilobytes(MaxLogoBytes)}." : $"The logo is larger than {Kilobytes(MaxLogoBytes)}, the most allowed.")
        + " Save it smaller (it is shown about 48 pixels high).";

    private static string? ContentTypeOf(ReadOnlySpan<byte> b) =>
        b.StartsWith(PngSignature) ? "image/png"
        : b.StartsWith(JpegSignature) ? "image/jpeg"
        : b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8) ? "image/gif"
        : null;

    private static string Kilobytes(long bytes) => $"{Math.Ceiling(bytes / 1024.0).ToString(CultureInfo.InvariantCulture)} KB";

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void OneLine(FieldErrors errors, string key, string? value, int max, string what)
    {
        if (value is null || errors.Has(key))
        {
            return;
        }

        if (value.Length > max)
        {
            errors.Add(key, $"Shorten {what} to at most {max} characters.");
        }
        else if (value.Any(char.IsControl))
        {
            errors.Add(key, $"Write {what} on one line.");
        }
    }

    private static void Address(FieldErrors errors, string key, string? value, string what)
    {
        if (value is not null && AccountEmail.Normalize(value) is null)
        {
            errors.Add(key, $"{what} '{(value.Length > 60 ? value[..60] + "…" : value)}' is not an email address.");
        }
    }
}
