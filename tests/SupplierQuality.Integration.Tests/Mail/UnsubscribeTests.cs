using System.Net;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Mail;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Mail;

[Collection(MailNode.Collection)]
public sealed class UnsubscribeTests(MailNode fixture)
{
    private const string Done = "You will get no more survey emails at this address";

    /// <summary>Every <see cref="MailNode.NewEmail"/> address, as the page shows it.</summary>
    private const string Masked = "d***@supplier.test";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<string?> SuppressionAsync(IssuedInvitation invitation) => fixture.Node.Grains.GetMailSuppression(invitation.Email).ReasonAsync();

    [Fact]
    public async Task The_link_asks_first_and_shows_the_address_masked()
    {
        var invitation = await fixture.IssueAsync();
        using var client = fixture.Node.CreateClient();

        var page = await HtmlPage.GetAsync(client, $"/u/{invitation.Token}");

        Assert.Contains($"Stop survey emails to {Masked}?", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(invitation.Email, page.Text, StringComparison.Ordinal);
        Assert.Contains($"<form method=\"post\" action=\"/u/{invitation.Token}\"", page.Text, StringComparison.Ordinal);
        Assert.Null(await SuppressionAsync(invitation));
        Assert.False((await fixture.Grain(invitation).GetRecipientAsync())!.Unsubscribed);
    }

    [Fact]
    public async Task The_button_on_the_page_unsubscribes_the_address()
    {
        var invitation = await fixture.IssueAsync();
        using var client = fixture.Node.CreateClient();

        using var response = await client.PostFormAsync($"/u/{invitation.Token}", []);
        var page = await HtmlPage.ReadAsync(response);
        var later = await HtmlPage.GetAsync(client, $"/u/{invitation.Token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Done, page.Text, StringComparison.Ordinal);
        Assert.Contains(Masked, page.Text, StringComparison.Ordinal);
        Assert.Equal("unsubscribed", await SuppressionAsync(invitation));
        Assert.True((await fixture.Grain(invitation).GetRecipientAsync())!.Unsubscribed);
        Assert.True((await fixture.Grain(invitation).GetProgressAsync())!.Unsubscribed);
        Assert.Contains(Done, later.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_click_unsubscribe_works_without_cookies_or_an_antiforgery_token()
    {
        var invitation = await fixture.IssueAsync();
        using var mailClient = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = fixture.Node.BaseAddress };
        using var oneClick = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);

        using var response = await mailClient.PostAsync($"/u/{invitation.Token}", oneClick, Cancel);
        using var repeated = await mailClient.PostAsync($"/u/{invitation.Token}", oneClick, Cancel);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (response.StatusCode, repeated.StatusCode));
        Assert.Contains(Done, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal("unsubscribed", await SuppressionAsync(invitation));
    }

    [Fact]
    public async Task Malformed_and_unknown_unsubscribe_links_get_the_survey_not_valid_page()
    {
        using var client = fixture.Node.CreateClient();
        using var survey = await client.GetAsync("/s/abc", Cancel);
        var notValid = await survey.Content.ReadAsStringAsync(Cancel);
        var paths = new[] { "/u/abc", "/u/%25%25%25", "/u/" + new string('a', 500), "/u/" + InvitationToken.New(), "/u/a/b", "/u/", "/u/abc?x[=1" };

        foreach (var path in paths)
        {
            using var response = await client.GetAsync(path, Cancel);
            Assert.True(HttpStatusCode.NotFound == response.StatusCode, $"GET {path}: {(int)response.StatusCode}");
            Assert.Equal(notValid, await response.Content.ReadAsStringAsync(Cancel));
        }

        foreach (var path in new[] { "/u/abc", "/u/" + InvitationToken.New() })
        {
            using var oneClick = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
            using var response = await client.PostAsync(path, oneClick, Cancel);
            Assert.True(HttpStatusCode.NotFound == response.StatusCode, $"POST {path}: {(int)response.StatusCode}");
            Assert.Equal(notValid, await response.Content.ReadAsStringAsync(Cancel));
        }

        Assert.Equal(HttpStatusCode.NotFound, survey.StatusCode);
        Assert.Contains("This link is not valid", notValid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsubscribe_answers_are_never_cached_and_never_leak_the_link_as_a_referrer()
    {
        var invitation = await fixture.IssueAsync();
        using var client = fixture.Node.CreateClient();

        foreach (var path in new[] { $"/u/{invitation.Token}", "/u/abc" })
        {
            using var response = await client.GetAsync(path, Cancel);

            Assert.Equal(["no-referrer"], response.Headers.GetValues("Referrer-Policy"));
            Assert.True(response.Headers.CacheControl!.NoStore, path);
        }
    }
}
