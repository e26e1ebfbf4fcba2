using System.Net;
using System.Net.Http.Headers;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Organisation;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;
using static SupplierQuality.Integration.Tests.Organisation.OrganisationNode;

namespace SupplierQuality.Integration.Tests.Organisation;

[Collection(Collection)]
public sealed class OrganisationPagesTests(OrganisationNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Roles.QualityManager)]
    [InlineData(Roles.Executive)]
    public async Task Only_admins_open_the_organisation_settings(string role)
    {
        using var other = await fixture.Node.CreateSignedInClientAsync(role);
        using var admin = await fixture.SignedInAdminAsync();

        using var denied = await other.GetAsync("/admin/organisation", Cancel);
        using var posted = await other.PostAsync("/admin/organisation", new FormUrlEncodedContent(Fields("Sneaky Ltd")), Cancel);
        using var allowed = await admin.GetAsync("/admin/organisation", Cancel);

        Assert.StartsWith("/account/denied", denied.RedirectTarget(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.NotEqual("Sneaky Ltd", (await fixture.Node.Grains.GetOrganisation().GetAsync()).Profile.Name);
    }

    [Fact]
    public async Task Settings_saved_on_the_page_are_shown_again_the_logo_is_served_and_new_campaigns_start_with_the_name()
    {
        using var admin = await fixture.SignedInAdminAsync();
        var name = $"Acme Buying {Guid.NewGuid():N}"[..24];

        using var saved = await PostPageAsync(admin, Fields(name, contactName: "Quinn Quality"), Png);

        Assert.Equal("/admin/organisation", saved.RedirectTarget());
        var page = await HtmlPage.GetAsync(admin, "/admin/organisation");
        var details = await fixture.Node.Grains.GetOrganisation().GetAsync();
        Assert.Contains($"Saved version {details.Version}. Survey emails and forms show these from now on.", page.Text, StringComparison.Ordinal);
        Assert.Equal((name, "Quinn Quality", "quinn@acme.example", "quality@acme.example"), (page.ValueOf("Form_Name"), page.ValueOf("Form_ContactName"), page.ValueOf("Form_ContactEmail"), page.ValueOf("Form_ReplyTo")));
        Assert.Contains(">Only our quality team reads your answers.</textarea>", page.Text, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"/organisation/logo?v={details.Logo!.Tag}\" alt=\"The current logo\"", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"unnamed\"", page.Text, StringComparison.Ordinal);
        Assert.Equal(name, (await HtmlPage.GetAsync(admin, "/campaigns/new")).ValueOf("Form_BuyerName"));

        using var anonymous = fixture.Node.CreateClient();
        using var logo = await anonymous.GetAsync($"/organisation/logo?v={details.Logo.Tag}", Cancel);
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal("image/png", logo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await logo.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal("public, max-age=3600", logo.Headers.CacheControl?.ToString());
        Assert.Equal($"\"{details.Logo.Tag}\"", logo.Headers.ETag?.Tag);
        Assert.Equal("nosniff", logo.Headers.GetValues("X-Content-Type-Options").Single());
        using var again = new HttpRequestMessage(HttpMethod.Get, "/organisation/logo");
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{details.Logo.Tag}\""));
        using var unchanged = await anonymous.SendAsync(again, Cancel);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
    }

    [Theory]
    [InlineData("logo.svg", "image/svg+xml", 0, "The logo must be a PNG, JPEG or GIF image; this file is none of them.")]
    [InlineData("logo.png", "image/png", 300 * 1024, "The logo is 300 KB; the most is 200 KB. Save it smaller (it is shown about 48 pixels high).")]
    public async Task A_logo_that_is_not_an_image_or_too_big_is_refused_with_its_reason_nothing_is_saved_and_the_typed_values_stay(
        string fileName, string type, int size, string reason)
    {
        using var admin = await fixture.SignedInAdminAsync();
        var before = await fixture.Node.Grains.GetOrganisation().GetAsync();
        var file = size == 0 ? "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray() : [.. Png, .. new byte[size - Png.Length]];

        using var refused = await PostPageAsync(admin, Fields("Typed Name Ltd", contactName: "Typed Contact"), file, fileName, type);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlPage.ReadAsync(refused);
        Assert.StartsWith("Error: Organisation settings", page.Title, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#Logo\">{reason}</a>", page.Text, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", page.Control("Logo"), StringComparison.Ordinal);
        Assert.Equal(("Typed Name Ltd", "Typed Contact"), (page.ValueOf("Form_Name"), page.ValueOf("Form_ContactName")));
        var after = await fixture.Node.Grains.GetOrganisation().GetAsync();
        Assert.Equal((before.Version, before.Profile), (after.Version, after.Profile));
    }

    [Fact]
    public async Task A_name_left_as_Our_company_and_a_reply_to_that_is_not_an_address_are_refused_next_to_their_fields()
    {
        using var admin = await fixture.SignedInAdminAsync();
        var before = await fixture.Node.Grains.GetOrganisation().GetAsync();

        using var refused = await PostPageAsync(admin, Fields("Our company", replyTo: "quality at acme"), Png);

        var page = await HtmlPage.ReadAsync(refused);
        Assert.Contains("<a href=\"#Form_Name\">Enter your company's own name: \"Our company\" is only the placeholder a new installation starts with.</a>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Form_ReplyTo\">The reply-to address 'quality at acme' is not an email address.</a>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Logo\">Nothing was saved, so choose the logo file again too.</a>", page.Text, StringComparison.Ordinal);
        Assert.Equal(before.Version, (await fixture.Node.Grains.GetOrganisation().GetAsync()).Version);
    }
}
