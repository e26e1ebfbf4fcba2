using System.Text.Json;
using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Reviews;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Grains.Tests.Campaigns;
using SupplierQuality.Grains.Tests.Invitations;
using SupplierQuality.Grains.Webhooks;
using SupplierQuality.Scoring;
using static SupplierQuality.Grains.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Grains.Tests.Webhooks;

/// <summary>
/// Each event from where it happens, through real grains to a subscribed endpoint. Other tests emit events too, so
/// each test picks out those about its own campaign, review or suppliers.
/// </summary>
public sealed class WebhookEventSourceTests(ClusterFixture fixture) : IAsyncDisposable
{
    private readonly TestEndpoints _endpoints = new(fixture.Grains);

    private IGrainFactory Grains => fixture.Grains;

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    public ValueTask DisposeAsync() => _endpoints.DisposeAsync();

    private static JsonElement Data(WebhookEvent e) => JsonDocument.Parse(e.Payload).RootElement.GetProperty("data");

    /// <summary>The events the endpoint took whose data has <paramref name="property"/> equal to <paramref name="id"/>.</summary>
    private static List<WebhookEvent> About(TestEndpoint endpoint, string property, Guid id) =>
        [.. endpoint.Receiver.Received.Where(e => Data(e).TryGetProperty(property, out var value) && value.GetGuid() == id)];

    private static async Task<List<WebhookEvent>> EventuallyAboutAsync(TestEndpoint endpoint, string property, Guid id, int count)
    {
        var events = await TestEndpoints.EventuallyAsync(() => About(endpoint, property, id), e => e.Count >= count, $"{count} events about {id}");
        // Anything more would come at once: the queue is delivered as soon as it is written.
        await Task.Delay(500, TestContext.Current.CancellationToken);
        return About(endpoint, property, id);
    }

    [Fact]
    public async Task Finishing_a_review_announces_it_once_however_often_it_is_finished()
    {
        var endpoint = await _endpoints.AddAsync(WebhookEventTypes.ReviewFinished);
        var category = ClusterFixture.UniqueKey("category");
        var period = RankingPeriod.OfCampaign(Guid.NewGuid());
        List<ReviewRow> rows =
        [
            new(1, Guid.NewGuid(), "Castings Ltd", category, 90, 92, 80, 100, 5, 6, Standing.Strategic, false, MovementDirection.None, null),
            new(2, Guid.NewGuid(), "Forge plc", category, 30, 28, 20, 40, 5, 6, Standing.AtRisk, false, MovementDirection.None, null),
        ];
        var review = Grains.GetReview(Guid.NewGuid());
        Assert.Equal(CommandOutcome.Created, (await review.CreateAsync(new CreateReview("Q1 castings review", period, "Spring survey", category, rows, "exec@test.local"))).Outcome);
        await review.RecordDecisionAsync(rows[1].SupplierId, ReviewRules.DefaultDecisions[^1], "Ana", DateOnly.FromDateTime(Now.UtcDateTime).AddDays(30), "", "exec@test.local", 0);

        var finished = await review.FinishAsync("exec@test.local");
        await review.FinishAsync("exec@test.local");

        var e = Assert.Single(await EventuallyAboutAsync(endpoint, "reviewId", review.GetPrimaryKey(), 1));
        Assert.Equal(WebhookEvent.IdOf(WebhookEventTypes.ReviewFinished, review.GetPrimaryKey().ToString("N")), e.Id);
        var data = Data(e);
        Assert.Equal(("Q1 castings review", "category", category, period.ToString()), (data.GetProperty("title").GetString(), data.GetProperty("scope").GetString(), data.GetProperty("category").GetString(), data.GetProperty("period").GetString()));
        Assert.Equal((2, 1), (data.GetProperty("suppliers").GetInt32(), data.GetProperty("decisions").GetInt32()));
        Assert.Equal(finished.Value!.FinishedAt, data.GetProperty("finishedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Closing_a_campaign_announces_it_once_its_forms_are_closed()
    {
        var endpoint = await _endpoints.AddAsync(WebhookEventTypes.CampaignClosed);
        var supplier = await SupplierAsync(Grains, "castings", "ana", "ben");
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));

        await campaign.CloseAsync();
        await campaign.RunAsync();

        var e = Assert.Single(await EventuallyAboutAsync(endpoint, "campaignId", campaign.GetPrimaryKey(), 1));
        var details = (await campaign.GetAsync())!;
        var data = Data(e);
        Assert.Equal(WebhookEventTypes.CampaignClosed, JsonDocument.Parse(e.Payload).RootElement.GetProperty("type").GetString());
        Assert.Equal(("Supplier survey 2026", RankingPeriod.OfCampaign(campaign.GetPrimaryKey()).ToString()), (data.GetProperty("name").GetString(), data.GetProperty("period").GetString()));
        Assert.Equal((1, 2, 0), (data.GetProperty("suppliersTargeted").GetInt32(), data.GetProperty("invited").GetInt32(), data.GetProperty("submitted").GetInt32()));
        Assert.Equal(details.ClosedAt, data.GetProperty("closedAt").GetDateTimeOffset());
        Assert.Equal("closed-early", data.GetProperty("ending").GetString());
    }

    [Fact]
    public async Task Cancelling_an_open_campaign_announces_it_as_cancelled_and_a_draft_cancelled_announces_nothing()
    {
        var endpoint = await _endpoints.AddAsync(WebhookEventTypes.CampaignClosed);
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var open = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));
        var draft = Grains.GetGrain<ICampaignGrain>(Guid.NewGuid());
        Assert.Equal(CommandOutcome.Created, (await draft.CreateAsync(await DefinitionAsync(Grains, Now, supplier))).Outcome);

        Assert.Equal(CommandOutcome.Ok, (await draft.CancelAsync()).Outcome);
        await draft.RunAsync();
        Assert.Equal(CommandOutcome.Ok, (await open.CancelAsync()).Outcome);
        await open.RunAsync();

        var e = Assert.Single(await EventuallyAboutAsync(endpoint, "campaignId", open.GetPrimaryKey(), 1));
        Assert.Equal(("cancelled", 1), (Data(e).GetProperty("ending").GetString(), Data(e).GetProperty("invited").GetInt32()));
        Assert.Empty(await EventuallyAboutAsync(endpoint, "campaignId", draft.GetPrimaryKey(), 0));
    }

    [Fact]
    public async Task A_submitted_response_is_announced_with_ids_and_scores_and_never_its_answers_or_who_gave_them()
    {
        var endpoint = await _endpoints.AddAsync(WebhookEventTypes.ResponseSubmitted);
        var supplier = await SupplierAsync(Grains, "castings", "ana");
        var campaign = await LaunchAsync(Grains, await DefinitionAsync(Grains, Now, supplier));
        var email = Assert.Single((await Grains.GetGrain<SupplierQuality.Grains.Suppliers.ISupplierGrain>(supplier).GetAsync())!.Contacts).Email;
        var invitation = Grains.InvitationOf(RecordingMailSender.Instance.To(email)[0]);
        var questionnaire = (await invitation.GetFormAsync())!.Questionnaire;
        var submission = Guid.NewGuid();

        var first = await invitation.SubmitAsync(InvitationSamples.Complete(questionnaire), submission);
        await invitation.SubmitAsync(InvitationSamples.Complete(questionnaire), submission);
        var edited = await invitation.SubmitAsync(InvitationSamples.Complete(questionnaire), Guid.NewGuid());

        var events = await EventuallyAboutAsync(endpoint, "campaignId", campaign.GetPrimaryKey(), 2);
        Assert.Equal(2, events.Count);
        var (one, two) = (Data(events[0]), Data(events[1]));
        Assert.Equal((1, 2), (one.GetProperty("version").GetInt32(), two.GetProperty("version").GetInt32()));
        Assert.Equal(one.GetProperty("responseId").GetGuid(), two.GetProperty("responseId").GetGuid());
        Assert.Equal((supplier, "Self-assessment"), (one.GetProperty("supplierId").GetGuid(), one.GetProperty("group").GetString()));
        Assert.Equal(first.Response!.Scores.Overall, one.GetProperty("overallScore").GetDecimal());
        Assert.Equal(edited.Response!.Scores.Dimensions.Count, two.GetProperty("dimensions").GetArrayLength());
        Assert.Equal(first.Response.SubmittedAt, events[0].OccurredAt);
        foreach (var e in events)
        {
            Assert.DoesNotContain("Answer the phone faster", e.Payload, StringComparison.Ordinal);
            Assert.DoesNotContain(email, e.Payload, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(invitation.GetPrimaryKeyString(), e.Payload, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_standing_that_moves_is_announced_for_each_scope_and_period_with_the_old_and_new_standing()
    {
        var endpoint = await _endpoints.AddAsync(WebhookEventTypes.StandingChanged);
        var category = ClusterFixture.UniqueKey("category");
        var (strong, weak) = (await SupplierAsync(Grains, category, "ana"), await SupplierAsync(Grains, category, "ben"));
        var campaign = Grains.GetGrain<ICampaignGrain>(Guid.NewGuid());
        Assert.Equal(CommandOutcome.Created, (await campaign.CreateAsync(await DefinitionAsync(Grains, Now, strong, weak))).Outcome);
        var campaignId = campaign.GetPrimaryKey();

        // Ranking scores with m = 3 and the scope's mean as prior: (3 × 95 + 3 × 50) / 6 = 72.5 and (3 × 5 + 3 × 50) / 6 = 27.5.
        await Grains.GetRanking().PeriodsAsync();
        await ScoreAsync(strong, campaignId, 1, 95);
        await ScoreAsync(weak, campaignId, 1, 5);

        var atRisk = await EventuallyAboutAsync(endpoint, "supplierId", weak, 6);
        Assert.Equal(6, atRisk.Count);
        var periods = atRisk.Select(e => (Data(e).GetProperty("scope").GetString(), Data(e).GetProperty("periodKind").GetString())).Order().ToList();
        Assert.Equal([("all", "campaign"), ("all", "quarter"), ("all", "year"), ("category", "campaign"), ("category", "quarter"), ("category", "year")], periods);
        Assert.All(atRisk, e => Assert.Equal(
            (null, "At risk", 27.5, 1),
            (Data(e).GetProperty("oldStanding").GetString(), Data(e).GetProperty("newStanding").GetString(), Math.Round(Data(e).GetProperty("rankingScore").GetDouble(), 9), Data(e).GetProperty("revision").GetInt32())));
        var campaignPeriod = RankingPeriod.OfCampaign(campaignId).ToString();
        var onCampaign = Assert.Single(atRisk, e => Data(e).GetProperty("period").GetString() == campaignPeriod && Data(e).GetProperty("scope").GetString() == "all");
        Assert.Equal(WebhookEvent.IdOf(WebhookEventTypes.StandingChanged, weak.ToString("N"), "all", campaignPeriod, "1"), onCampaign.Id);
        Assert.Equal(category, Data(onCampaign).GetProperty("category").GetString());
        Assert.All(await EventuallyAboutAsync(endpoint, "supplierId", strong, 6), e => Assert.Equal("Preferred", Data(e).GetProperty("newStanding").GetString()));

        // Both at 95 now: the prior is 95, and so is each ranking score.
        await ScoreAsync(weak, campaignId, 2, 95);

        var moved = (await EventuallyAboutAsync(endpoint, "supplierId", weak, 12)).Skip(6).ToList();
        Assert.Equal(6, moved.Count);
        Assert.All(moved, e => Assert.Equal(
            ("At risk", "Strategic", 2),
            (Data(e).GetProperty("oldStanding").GetString(), Data(e).GetProperty("newStanding").GetString(), Data(e).GetProperty("revision").GetInt32())));
    }

    private Task ScoreAsync(Guid supplier, Guid campaignId, int revision, double score) =>
        Grains.GetSupplierScorecard(supplier).ReplaceCampaignAsync(new CampaignScores(campaignId, revision,
            [new GroupScores(RecipientKind.Evaluator, 4, 3, ScoreSums.Of([score - 2, score, score + 2]), [], 0, 0, 0)]));
}
