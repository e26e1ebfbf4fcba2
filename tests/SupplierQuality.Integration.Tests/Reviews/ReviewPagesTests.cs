using System.Net;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Reviews;
using SupplierQuality.Integration.Tests.Campaigns;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Reviews;

[Collection(ReviewsNode.Collection)]
public sealed class ReviewPagesTests(CampaignsNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_executive_freezes_a_ranking_records_decisions_finishes_the_review_and_a_later_change_is_refused()
    {
        var ranking = await ReviewsNode.RankedAsync(fixture, 90, 70, 50);
        using var executive = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);
        var (best, middle, worst) = (ranking.Suppliers[0], ranking.Suppliers[1], ranking.Suppliers[2]);

        var list = await HtmlPage.GetAsync(executive, "/reviews");
        Assert.Contains($"<option value=\"{ranking.Period}\"", list.Text, StringComparison.Ordinal);
        var id = await ReviewsNode.ReviewAsync(executive, ranking);
        var frozen = await HtmlPage.GetAsync(executive, $"/reviews/{id}");
        Assert.Contains("Q2 castings review", frozen.Text, StringComparison.Ordinal);
        Assert.True(
            frozen.Text.IndexOf(best.Name, StringComparison.Ordinal) < frozen.Text.IndexOf(middle.Name, StringComparison.Ordinal)
            && frozen.Text.IndexOf(middle.Name, StringComparison.Ordinal) < frozen.Text.IndexOf(worst.Name, StringComparison.Ordinal),
            "The suppliers are in rank order.");

        using var bad = await ReviewsNode.DecideAsync(executive, id, worst.Id, "Phase out", "  ", ReviewsNode.Due(-400));
        var badPage = await HtmlPage.ReadAsync(bad);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.StartsWith("Error: ", badPage.Title, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Form_Owner\">Enter who owns the decision.</a>", badPage.Text, StringComparison.Ordinal);
        Assert.Contains("The due date cannot be before the review was created", badPage.Text, StringComparison.Ordinal);

        using var good = await ReviewsNode.DecideAsync(executive, id, worst.Id, "Phase out", "Ana", ReviewsNode.Due(300), "Second source found.");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal($"/reviews/{id}#supplier-{worst.Id}", good.RedirectTarget());
        using var unconfirmed = await executive.PostFormAsync($"/reviews/{id}?handler=Finish", []);
        Assert.Contains("Tick the box to confirm", (await HtmlPage.ReadAsync(unconfirmed)).Text, StringComparison.Ordinal);
        using var finish = await executive.PostFormAsync($"/reviews/{id}?handler=Finish", [new("confirm", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, finish.StatusCode);

        using var later = await executive.PostFormAsync(
            $"/reviews/{id}/suppliers/{best.Id}",
            [new("Form.Decision", "Develop"), new("Form.Owner", "Bo"), new("Form.Due", ReviewsNode.Due(30)), new("Form.Note", ""), new("Form.Revision", "0")],
            formPath: "/reviews");
        Assert.Contains(ReviewRules.ReadOnlyMessage, (await HtmlPage.ReadAsync(later)).Text, StringComparison.Ordinal);

        var finished = await HtmlPage.GetAsync(executive, $"/reviews/{id}");
        Assert.Contains("Decision for " + worst.Name + ": Phase out, owner Ana, due " + ReviewsNode.Due(300) + "; note added", finished.Text, StringComparison.Ordinal);
        Assert.Contains("Review finished with decisions for 1 of 3 suppliers", finished.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Finish the review</button>", finished.Text, StringComparison.Ordinal);
        var review = (await fixture.Node.Grains.GetReview(id).GetAsync())!;
        Assert.Equal((ReviewStatus.Finished, 3), (review.Status, review.Audit.Count));
        Assert.Null(review.LineOf(best.Id)!.Decision);
    }

    [Fact]
    public async Task A_quality_manager_reads_a_review_but_may_not_change_it()
    {
        var ranking = await ReviewsNode.RankedAsync(fixture, 80, 60);
        using var executive = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);
        var id = await ReviewsNode.ReviewAsync(executive, ranking);
        using var manager = await fixture.SignedInManagerAsync();

        var page = await HtmlPage.GetAsync(manager, $"/reviews/{id}/suppliers/{ranking.Suppliers[0].Id}");
        using var decide = await ReviewsNode.DecideAsync(manager, id, ranking.Suppliers[0].Id, "Maintain", "Ana", ReviewsNode.Due(30));
        using var create = await manager.PostFormAsync("/reviews", [new("Form.Title", "Mine"), new("Form.Period", ranking.Period.ToString())], formPath: $"/reviews/{id}");

        Assert.Contains("Executives and admins record decisions; you can read them.", page.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, decide.StatusCode);
        Assert.StartsWith("/account/denied", decide.RedirectTarget(), StringComparison.Ordinal);
        Assert.StartsWith("/account/denied", create.RedirectTarget(), StringComparison.Ordinal);
        Assert.Null((await fixture.Node.Grains.GetReview(id).GetAsync())!.LineOf(ranking.Suppliers[0].Id)!.Decision);
    }

    [Fact]
    public async Task A_decision_from_a_page_opened_before_someone_else_recorded_one_is_refused_and_the_stored_one_shown()
    {
        var ranking = await ReviewsNode.RankedAsync(fixture, 75);
        using var executive = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);
        var id = await ReviewsNode.ReviewAsync(executive, ranking);
        var supplier = ranking.Suppliers[0].Id;
        using var first = await ReviewsNode.DecideAsync(executive, id, supplier, "Monitor", "Ana", ReviewsNode.Due(10));

        using var stale = await ReviewsNode.DecideAsync(executive, id, supplier, "Develop", "Bo", ReviewsNode.Due(10), revision: 0);

        var page = await HtmlPage.ReadAsync(stale);
        Assert.Contains("recorded a decision for " + ranking.Suppliers[0].Name + " since you opened it (Monitor, owner Ana)", page.Text, StringComparison.Ordinal);
        Assert.Equal("Ana", page.ValueOf("Form_Owner"));
        Assert.Equal("1", page.ValueOf("Form_Revision"));
    }
}
