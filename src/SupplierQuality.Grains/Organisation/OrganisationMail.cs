using SupplierQuality.Email;
using SupplierQuality.Email.Languages;
using SupplierQuality.Email.Templates;
using SupplierQuality.Grains.Invitations;

namespace SupplierQuality.Grains.Organisation;

/// <summary>
/// How a campaign's email names the organisation: its logo, why the recipient is asked, the contact person, the
/// privacy note, where replies go and the sender's display name. The campaign reads the organisation once per batch
/// and hands it to each supplier's part with the brief.
/// </summary>
public static class OrganisationMail
{
    /// <summary>Where the node serves the logo, to anyone (emails and the supplier's form show it).</summary>
    public const string LogoPath = "/organisation/logo";

    /// <summary>The logo's address; the version in the query makes a new logo a new address for caches.</summary>
    public static string LogoUrl(string publicBaseUrl, LogoInfo logo)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        ArgumentNullException.ThrowIfNull(logo);
        return $"{publicBaseUrl.TrimEnd('/')}{LogoPath}?v={logo.Tag}";
    }

    /// <summary>What the email of a recipient of <paramref name="kind"/> about <paramref name="supplierName"/> says of who asks.</summary>
    public static SurveySender Sender(
        OrganisationDetails? organisation, string publicBaseUrl, RecipientKind kind, string supplierName, string buyerName, Language? language = null)
    {
        var t = RespondentTexts.For(language);
        var why = kind == RecipientKind.Evaluator
            ? t.Format("WhyColleague", buyerName, supplierName)
            : t.Format("WhyContact", supplierName, buyerName);
        return Sender(organisation, publicBaseUrl, why, colleague: kind == RecipientKind.Evaluator);
    }

    /// <summary>What an internal evaluator's digest (every supplier they rate, in one email) says of who asks.</summary>
    public static SurveySender DigestSender(OrganisationDetails? organisation, string publicBaseUrl, string buyerName, Language? language = null) =>
        Sender(organisation, publicBaseUrl, RespondentTexts.For(language).Format("WhyDigest", buyerName), colleague: true);

    private static SurveySender Sender(OrganisationDetails? organisation, string publicBaseUrl, string why, bool colleague)
    {
        if (organisation is null)
        {
            return new SurveySender(WhyAsked: why, Colleague: colleague);
        }

        var p = organisation.Profile;
        return new SurveySender(
            organisation.Logo is { } logo ? LogoUrl(publicBaseUrl, logo) : null,
            why,
            p.ContactName,
            p.ContactEmail,
            p.PrivacyNote,
            RepliesReachBuyer: organisation.RepliesTo is not null,
            Colleague: colleague);
    }

    /// <summary>The Reply-To of campaign emails: the organisation's reply-to address, else its contact person's; null for none.</summary>
    public static Mailbox? ReplyTo(OrganisationDetails? organisation) =>
        organisation?.RepliesTo is { } address
            ? new Mailbox(address, organisation.Profile.ReplyTo is null ? organisation.Profile.ContactName : organisation.Profile.Name)
            : null;

    /// <summary>
    /// The sender's display name when <c>SendGrid:FromName</c> is not set: the organisation's name, or the campaign's
    /// buying company while the organisation has only the placeholder.
    /// </summary>
    public static string SenderName(OrganisationDetails? organisation, string buyerName) =>
        organisation is { Named: true } ? organisation.Profile.Name : buyerName;
}
