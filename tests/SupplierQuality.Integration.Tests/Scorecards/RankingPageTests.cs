using System.Net;
using System.Text.RegularExpressions;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;
using static SupplierQuality.Integration.Tests.Scorecards.Surveys;

namespace SupplierQuality.Integration.Tests.Scorecards;

[Collection(ScorecardsNode.Collection)]
public sealed class RankingPageTests(ScorecardsNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_executive_who_signs_in_lands_on_the_ranking()
    {
        var account = await fixture.Node.CreateAccountAsync(Roles.Executive);
        using var client = fixture.Node.CreateClient();

        using var signIn = await client.PostSignInAsync(account.Email, account.Password);
        using var home = await client.GetAsync(signIn.RedirectTarget(), Cancel);
        using var ranking = await client.GetAsync(home.RedirectTarget(), Cancel);
        var text = await TextAsync(ranking);

        Assert.Equal("/", signIn.RedirectTarget());
        Assert.Equal("/rankings", home.RedirectTarget());
        Assert.Equal(HttpStatusCode.OK, ranking.StatusCode);
        Assert.Contains("<h1>Supplier ranking</h1>", text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/rankings\">Rankings</a>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/admin/scorecard-settings", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quality_manager_keeps_the_home_page_with_links_to_the_rankings_and_the_settings()
    {
        using var client = await fixture.SignedInManagerAsync();

        var home = await HtmlPage.GetAsync(client, "/");

        Assert.Contains("<h1>SupplierQuality</h1>", home.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/suppliers\">Suppliers</a>", home.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/rankings\">Rankings</a>", home.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/admin/scorecard-settings\">Scorecard settings</a>", home.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ranking_shows_the_internal_evaluation_as_the_raw_score_not_the_average_of_both_groups()
    {
        var (campaign, a, b) = await fixture.Surveys.AnsweredAsync("Raw");
        using var client = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);

        var page = await HtmlPage.GetAsync(client, $"/rankings?period={campaign.Period}");

        // Prior = (19.5 + 86.5) / 2 = 53; A = (1 · 19.5 + 3 · 53) / 4 = 44.625; B = (86.5 + 159) / 4 = 61.375.
        Assert.Contains($"<td id=\"raw-{a.Id}\">{Shown(LowRating.Score)}</td>", page.Text, StringComparison.Ordinal);
        Assert.Contains($"<td id=\"score-{a.Id}\">{Shown(44.625)}</td>", page.Text, StringComparison.Ordinal);
        Assert.Contains($"<td id=\"raw-{b.Id}\">{Shown(HighRating.Score)}</td>", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Shown((SelfRating.Score + LowRating.Score) / 2), page.Text, StringComparison.Ordinal);
        Assert.True(page.Text.IndexOf(b.Name, StringComparison.Ordinal) < page.Text.IndexOf(a.Name, StringComparison.Ordinal), "B ranks above A.");
        Assert.Contains(
            "Ranked on internal evaluation (weight 100); self-assessment is shown, not ranked (weight 0). Objective metrics are shown, not ranked (weight 0). Ranking score: Bayesian average towards the mean of the scope (m = 3).",
            page.Text,
            StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/suppliers/{a.Id}/scorecard\">{a.Name}</a>", page.Text, StringComparison.Ordinal);
        Assert.Contains("fewer than 3 responses", page.Text, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">Quality</th>", page.Text, StringComparison.Ordinal);
        Assert.Matches("<td><svg [^>]*role=\"img\" aria-label=\"32.5\"><title>Quality: 32.5 of 100, 1 answer</title><rect [^>]*fill=\"#[0-9A-F]{6}\" /><text [^>]*>32.5</text></svg></td>", page.Text);
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)", page.Text); // the charts are drawn by the server, not by a script in the page

        // The Content-Security-Policy refuses inline styles: a shade set with one would silently not show.
        Assert.DoesNotContain(" style=", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_by_category_standing_and_name_narrow_the_ranking()
    {
        var (campaign, a, b) = await fixture.Surveys.AnsweredAsync("Filter");
        using var client = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);

        var conditional = await HtmlPage.GetAsync(client, $"/rankings?period={campaign.Period}&category={Uri.EscapeDataString(a.Category)}&standing=conditional");
        var named = await HtmlPage.GetAsync(client, $"/rankings?period={campaign.Period}&search={Uri.EscapeDataString(b.Name[^8..])}&sort=name");

        // A's ranking score 44.6 is Conditional (40 to 55), B's 61.4 Approved.
        Assert.Contains(a.Name, conditional.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(b.Name, conditional.Text, StringComparison.Ordinal);
        Assert.Contains("<option value=\"conditional\" selected=\"selected\">Conditional</option>", conditional.Text, StringComparison.Ordinal);
        Assert.Contains(b.Name, named.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(a.Name, named.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ranking_draws_an_arrow_only_for_a_significant_move_and_says_since_when()
    {
        var supplier = (await fixture.Surveys.SuppliersAsync("Move", 1))[0];
        var questionnaire = await fixture.Surveys.QuestionnaireAsync();
        var spring = await fixture.Surveys.LaunchAsync(questionnaire, [supplier], evaluators: 2, "Move spring", TimeSpan.FromDays(10));
        var autumn = await fixture.Surveys.LaunchAsync(questionnaire, [supplier], evaluators: 2, "Move autumn", TimeSpan.FromDays(12));
        await fixture.Surveys.AnswerAsync(spring, supplier.RatedBy(spring.Evaluators[0]), new SurveyAnswer(2, 4, false));
        await fixture.Surveys.AnswerAsync(spring, supplier.RatedBy(spring.Evaluators[1]), new SurveyAnswer(3, 4, false));
        await fixture.Surveys.AnswerAsync(autumn, supplier.RatedBy(autumn.Evaluators[0]), new SurveyAnswer(4, 8, true));
        await fixture.Surveys.AnswerAsync(autumn, supplier.RatedBy(autumn.Evaluators[1]), new SurveyAnswer(5, 8, true));
        await fixture.Surveys.RankingAsync(spring, p => Counted(p, supplier.Id) == (2, 0));
        await fixture.Surveys.RankingAsync(autumn, p => Counted(p, supplier.Id) == (2, 0));
        using var client = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);

        var before = await HtmlPage.GetAsync(client, $"/rankings?period={spring.Period}");
        var after = await HtmlPage.GetAsync(client, $"/rankings?period={autumn.Period}");
        var scorecard = await HtmlPage.GetAsync(client, $"/suppliers/{supplier.Id}/scorecard");

        // 19.5 and 27 against 86.5 and 94: Welch's t ≈ 12.6 on 2 degrees of freedom, p ≈ 0.006.
        Assert.DoesNotContain("significantly", before.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("↑", before.Text, StringComparison.Ordinal);
        Assert.Matches("<span role=\"img\" aria-label=\"significantly up since Move spring, p = 0\\.0\\d\\d\" title=\"significantly up since Move spring, p = 0\\.0\\d\\d\">↑</span>", after.Text);
        Assert.Matches("significantly up since Move spring, p = 0\\.0\\d\\d", scorecard.Text);
    }

    [Fact]
    public async Task The_scorecard_shows_both_respondent_groups_apart_beside_a_history_chart_and_a_dimension_chart()
    {
        var (campaign, a, _) = await fixture.Surveys.AnsweredAsync("Card");
        using var client = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);

        var page = await HtmlPage.GetAsync(client, $"/suppliers/{a.Id}/scorecard");
        var key = campaign.Id.ToString("N");

        Assert.Contains($"<h1>Scorecard: {a.Name}</h1>", page.Text, StringComparison.Ordinal);
        Assert.Contains($"<dd>{a.Category}</dd>", page.Text, StringComparison.Ordinal);
        Assert.Contains($"<h2 id=\"campaign-{key}\">{campaign.Name}</h2>", page.Text, StringComparison.Ordinal);
        Assert.Contains($"<dd id=\"rank-{key}\">2 of 2</dd>", page.Text, StringComparison.Ordinal);
        Assert.Contains($"<td id=\"mean-{key}-internal-evaluation\">{Shown(LowRating.Score)} of 100</td>", page.Text, StringComparison.Ordinal);
        Assert.Contains($"<td id=\"mean-{key}-self-assessment\">{Shown(SelfRating.Score)} of 100</td>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<td>1 of 1 invited</td>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<td>+100 of -100 to 100 (1 rating: 1 promoter, 0 passives, 0 detractors)</td>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<td>-100 of -100 to 100 (1 rating: 0 promoters, 0 passives, 1 detractor)</td>", page.Text, StringComparison.Ordinal);
        Assert.Matches("<svg [^>]*id=\"history-chart\" role=\"img\" aria-labelledby=\"history-chart-title history-chart-desc\"", page.Text);
        Assert.Contains($"<title id=\"history-chart-title\">Score history of {a.Name}</title>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<table id=\"history-table\">", page.Text, StringComparison.Ordinal);
        Assert.Matches("<svg [^>]*id=\"dimension-chart\"", page.Text);
        Assert.Contains($"<th scope=\"col\">Average of category {a.Category}</th>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Quality</th>", page.Text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)", page.Text); // the charts are drawn by the server, not by a script in the page
        Assert.DoesNotContain(" style=", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_supplier_nobody_has_answered_about_has_a_scorecard_that_says_no_responses_yet()
    {
        var supplier = (await fixture.Surveys.SuppliersAsync("Silent", 1))[0];
        using var client = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);

        var page = await HtmlPage.GetAsync(client, $"/suppliers/{supplier.Id}/scorecard");

        Assert.Contains("<strong>No responses yet.</strong>", page.Text, StringComparison.Ordinal);
        Assert.Contains("has not been asked in a campaign yet", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_supplier_has_no_scorecard()
    {
        using var client = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);

        using var page = await client.GetAsync($"/suppliers/{Guid.NewGuid()}/scorecard", Cancel);
        using var api = await fixture.Reader.GetAsync($"/api/suppliers/{Guid.NewGuid()}/scorecard", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }

    [Fact]
    public async Task Query_values_that_name_nothing_show_the_default_ranking_with_a_notice_not_an_error()
    {
        await fixture.Surveys.AnsweredAsync("Default");
        using var client = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);

        var page = await HtmlPage.GetAsync(client, "/rankings?period=nonsense&pageNumber=-3&standing=golden&sort=shoe-size&category=no-such-category");
        var unknownCampaign = await HtmlPage.GetAsync(client, $"/rankings?period=campaign:{Guid.NewGuid():N}&pageNumber=999999999999");

        Assert.Contains("\"nonsense\" is not a period: the latest campaign is shown.", page.Text, StringComparison.Ordinal);
        Assert.Contains("\"golden\" is not a standing: every standing is shown.", page.Text, StringComparison.Ordinal);
        Assert.Contains("\"shoe-size\" is not a sort order", page.Text, StringComparison.Ordinal);
        Assert.Contains("No supplier is in the category \"no-such-category\"", page.Text, StringComparison.Ordinal);
        Assert.Contains("<table id=\"ranking\">", page.Text, StringComparison.Ordinal);
        Assert.Contains("No responses were given in the period asked for", unknownCampaign.Text, StringComparison.Ordinal);
        Assert.Contains("<table id=\"ranking\">", unknownCampaign.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/rankings")]
    [InlineData("/suppliers/5d1b5a4e-8a8e-4d43-9d3c-6f0e2b7a9c10/scorecard")]
    [InlineData("/admin/scorecard-settings")]
    public async Task A_signed_out_visitor_is_sent_to_sign_in(string path)
    {
        using var client = fixture.Node.CreateClient();

        using var response = await client.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in?ReturnUrl=" + Uri.EscapeDataString(path), response.RedirectTarget());
    }

    [Fact]
    public async Task A_quality_manager_finds_the_scorecard_from_the_supplier_page()
    {
        var supplier = (await fixture.Surveys.SuppliersAsync("Linked", 1))[0];
        using var client = await fixture.SignedInManagerAsync();

        var page = await HtmlPage.GetAsync(client, $"/suppliers/{supplier.Id}");

        Assert.Matches($"<a href=\"/suppliers/{supplier.Id}/scorecard\">[^<]+</a>", page.Text);
        Assert.Single(Regex.Matches(page.Text, "/scorecard\""));
    }
}
