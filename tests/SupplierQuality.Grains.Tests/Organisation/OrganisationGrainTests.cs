using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Organisation;

namespace SupplierQuality.Grains.Tests.Organisation;

/// <summary>
/// The organisation grain's own rules. The installation's organisation is key 0; these tests each take a key of their
/// own, so they neither see nor change it (the campaign tests rely on it).
/// </summary>
public sealed class OrganisationGrainTests(ClusterFixture fixture)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static readonly OrganisationProfile Acme = new(
        "Acme Buying Ltd", "Quinn Quality", "quinn@acme.example", "quality@acme.example", "Only our quality team reads your answers.");

    private IOrganisationGrain NewOrganisation() => fixture.Grains.GetGrain<IOrganisationGrain>(Random.Shared.NextInt64(1, long.MaxValue));

    [Fact]
    public async Task Before_anyone_saves_it_the_organisation_is_the_unnamed_placeholder_with_the_default_privacy_note()
    {
        var details = await NewOrganisation().GetAsync();

        Assert.Equal((0, "Our company", false), (details.Version, details.Profile.Name, details.Named));
        Assert.Equal(OrganisationInput.DefaultPrivacyNote, details.Profile.PrivacyNote);
        Assert.Equal((null, null, null, null), (details.Logo, details.RepliesTo, details.ChangedBy, details.ChangedAt));
    }

    [Fact]
    public async Task Saved_settings_are_read_back_trimmed_as_a_new_version_with_who_saved_them_and_when()
    {
        var organisation = NewOrganisation();

        var saved = await organisation.SaveAsync(
            new OrganisationUpdate(Acme with { Name = "  Acme Buying Ltd ", ContactName = " ", ReplyTo = "" }), 0, "admin@test.local");

        Assert.Equal(CommandOutcome.Ok, saved.Outcome);
        var details = await organisation.GetAsync();
        Assert.Equal(saved.Value, details);
        Assert.Equal(Acme with { ContactName = null, ReplyTo = null }, details.Profile);
        Assert.Equal((1, true, "admin@test.local", fixture.Time.GetUtcNow()), (details.Version, details.Named, details.ChangedBy, details.ChangedAt));
        Assert.Equal("quinn@acme.example", details.RepliesTo);
    }

    [Fact]
    public async Task Invalid_settings_are_refused_field_by_field_and_nothing_is_saved()
    {
        var organisation = NewOrganisation();

        var result = await organisation.SaveAsync(
            new OrganisationUpdate(new OrganisationProfile(" our COMPANY ", "Quinn\nBcc: x", "quinn@", "not an address", " "), Png[..4]), 0, "admin@test.local");

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Equal(["contactEmail", "contactName", "logo", "name", "privacyNote", "replyTo"], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Enter your company's own name: \"Our company\" is only the placeholder a new installation starts with.", Assert.Single(result.Errors["name"]));
        Assert.Equal("The logo must be a PNG, JPEG or GIF image; this file is none of them.", Assert.Single(result.Errors["logo"]));
        Assert.Equal(0, (await organisation.GetAsync()).Version);
    }

    [Fact]
    public async Task Saving_the_same_settings_again_writes_no_new_version()
    {
        var organisation = NewOrganisation();
        await organisation.SaveAsync(new OrganisationUpdate(Acme, Png), 0, "admin@test.local");

        var again = await organisation.SaveAsync(new OrganisationUpdate(Acme with { Name = "Acme Buying Ltd  " }, Png), 0, "someone@test.local");

        Assert.Equal(CommandOutcome.Ok, again.Outcome);
        Assert.Equal((1, "admin@test.local"), (again.Value!.Version, again.Value.ChangedBy));
    }

    [Fact]
    public async Task A_save_made_from_an_older_version_is_refused_and_the_newer_settings_stay()
    {
        var organisation = NewOrganisation();
        await organisation.SaveAsync(new OrganisationUpdate(Acme), 0, "first@test.local");

        var stale = await organisation.SaveAsync(new OrganisationUpdate(Acme with { ContactName = "Someone Else" }), 0, "second@test.local");

        Assert.Equal(CommandOutcome.Conflict, stale.Outcome);
        Assert.StartsWith("Someone saved the organisation settings (version 1) since you opened them: nothing was saved.", stale.Message, StringComparison.Ordinal);
        Assert.Equal(("Quinn Quality", 1), ((await organisation.GetAsync()).Profile.ContactName, (await organisation.GetAsync()).Version));
    }

    [Theory]
    [InlineData("image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 })]
    [InlineData("image/jpeg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46 })]
    [InlineData("image/gif", new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0 })]
    public async Task A_PNG_JPEG_or_GIF_logo_is_kept_with_the_type_its_first_bytes_tell(string contentType, byte[] file)
    {
        var organisation = NewOrganisation();

        var saved = await organisation.SaveAsync(new OrganisationUpdate(Acme, file), null, "admin@test.local");

        Assert.Equal(CommandOutcome.Ok, saved.Outcome);
        var logo = await organisation.GetLogoAsync();
        Assert.Equal(file, logo!.Content);
        Assert.Equal((contentType, file.Length, 16), (logo.Info.ContentType, logo.Info.Length, logo.Info.Tag.Length));
        Assert.Equal(logo.Info, (await organisation.GetAsync()).Logo);
    }

    [Fact]
    public async Task A_logo_that_is_an_SVG_or_over_200_KB_is_refused_and_the_saved_logo_and_texts_stay()
    {
        var organisation = NewOrganisation();
        await organisation.SaveAsync(new OrganisationUpdate(Acme, Png), 0, "admin@test.local");
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();
        var big = new byte[(200 * 1024) + 1];
        Png.CopyTo(big, 0);

        var notImage = await organisation.SaveAsync(new OrganisationUpdate(Acme with { ContactName = "New Name" }, svg), 1, "admin@test.local");
        var tooBig = await organisation.SaveAsync(new OrganisationUpdate(null, big), 1, "admin@test.local");

        Assert.Equal((CommandOutcome.Invalid, CommandOutcome.Invalid), (notImage.Outcome, tooBig.Outcome));
        Assert.Equal("The logo is 201 KB; the most is 200 KB. Save it smaller (it is shown about 48 pixels high).", Assert.Single(tooBig.Errors["logo"]));
        var details = await organisation.GetAsync();
        Assert.Equal((1, "Quinn Quality", "image/png"), (details.Version, details.Profile.ContactName, details.Logo?.ContentType));
        Assert.Equal(Png, (await organisation.GetLogoAsync())!.Content);
    }

    [Fact]
    public async Task Removing_the_logo_keeps_the_texts()
    {
        var organisation = NewOrganisation();
        await organisation.SaveAsync(new OrganisationUpdate(Acme, Png), 0, "admin@test.local");

        var removed = await organisation.SaveAsync(new OrganisationUpdate(null, RemoveLogo: true), 1, "admin@test.local");

        Assert.Equal((CommandOutcome.Ok, 2, null, Acme), (removed.Outcome, removed.Value!.Version, removed.Value.Logo, removed.Value.Profile));
        Assert.Null(await organisation.GetLogoAsync());
    }
}
