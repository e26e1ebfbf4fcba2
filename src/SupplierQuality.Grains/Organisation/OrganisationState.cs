namespace SupplierQuality.Grains.Organisation;

/// <summary>
/// The organisation's settings and logo in one state, so a save of both is one write: settings change rarely, and the
/// logo is small (<see cref="OrganisationInput.MaxLogoBytes"/>).
/// </summary>
[GenerateSerializer, Alias("SupplierQuality.Organisation.OrganisationState")]
public sealed class OrganisationState
{
    /// <summary>0 until the first save.</summary>
    [Id(0)]
    public int Version { get; set; }

    [Id(1)]
    public string Name { get; set; } = string.Empty;

    [Id(2)]
    public string? ContactName { get; set; }

    [Id(3)]
    public string? ContactEmail { get; set; }

    [Id(4)]
    public string? ReplyTo { get; set; }

    [Id(5)]
    public string PrivacyNote { get; set; } = string.Empty;

    /// <summary>The logo file's bytes; null for none.</summary>
    [Id(6)]
    public byte[]? Logo { get; set; }

    [Id(7)]
    public string? LogoContentType { get; set; }

    [Id(8)]
    public string? ChangedBy { get; set; }

    [Id(9)]
    public DateTimeOffset? ChangedAt { get; set; }
}
