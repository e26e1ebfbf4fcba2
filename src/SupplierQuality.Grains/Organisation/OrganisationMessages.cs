namespace SupplierQuality.Grains.Organisation;

/// <summary>The organisation's texts, as suppliers read them in emails and on the form.</summary>
/// <param name="Name">The buying company's name; never <see cref="OrganisationInput.Placeholder"/> once saved.</param>
/// <param name="ContactName">The quality team's contact person, named in emails as whom to ask.</param>
/// <param name="ContactEmail">The contact person's address.</param>
/// <param name="ReplyTo">Where replies to survey emails go; null for <paramref name="ContactEmail"/>.</param>
/// <param name="PrivacyNote">Why people are asked and who sees their answers.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Organisation.OrganisationProfile")]
public sealed record OrganisationProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] string? ContactName,
    [property: Id(2)] string? ContactEmail,
    [property: Id(3)] string? ReplyTo,
    [property: Id(4)] string PrivacyNote);

/// <summary>A change to the organisation: its texts, its logo, or both.</summary>
/// <param name="Profile">The new texts; null keeps them (a change of the logo alone).</param>
/// <param name="Logo">A new logo: the file's bytes (PNG, JPEG or GIF); null keeps the logo.</param>
/// <param name="RemoveLogo">Removes the logo; ignored when <paramref name="Logo"/> is given.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Organisation.OrganisationUpdate")]
public sealed record OrganisationUpdate(
    [property: Id(0)] OrganisationProfile? Profile,
    [property: Id(1)] byte[]? Logo = null,
    [property: Id(2)] bool RemoveLogo = false);

/// <summary>What is known of the logo without its bytes.</summary>
/// <param name="ContentType">image/png, image/jpeg or image/gif, from the file's first bytes.</param>
/// <param name="Length">In bytes.</param>
/// <param name="Tag">A short hash of the bytes: the logo's ETag, and the version in its URL so a new logo is fetched anew.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Organisation.LogoInfo")]
public sealed record LogoInfo(
    [property: Id(0)] string ContentType,
    [property: Id(1)] int Length,
    [property: Id(2)] string Tag);

/// <summary>The logo as the node serves it.</summary>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Organisation.OrganisationLogo")]
public sealed record OrganisationLogo(
    [property: Id(0)] byte[] Content,
    [property: Id(1)] LogoInfo Info);

/// <summary>The organisation now.</summary>
/// <param name="Version">0 before anyone saved; one more with each save.</param>
/// <param name="Logo">Null when there is no logo.</param>
/// <param name="ChangedBy">Who saved this version; null for version 0.</param>
[GenerateSerializer, Immutable, Alias("SupplierQuality.Organisation.OrganisationDetails")]
public sealed record OrganisationDetails(
    [property: Id(0)] int Version,
    [property: Id(1)] OrganisationProfile Profile,
    [property: Id(2)] LogoInfo? Logo,
    [property: Id(3)] string? ChangedBy,
    [property: Id(4)] DateTimeOffset? ChangedAt)
{
    /// <summary>Whether the name is the company's own, not the placeholder a new installation starts with.</summary>
    public bool Named => !OrganisationInput.IsPlaceholder(Profile.Name);

    /// <summary>Where replies to survey emails go: the reply-to address, else the contact person's; null for nowhere.</summary>
    public string? RepliesTo => Profile.ReplyTo ?? Profile.ContactEmail;
}
