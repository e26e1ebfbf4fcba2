using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Metrics;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Grains.Tests.Campaigns;
using SupplierQuality.Grains.Tests.Invitations;
using static SupplierQuality.Grains.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Grains.Tests.Scorecards;

/// <summary>From a submitted form to the supplier's scorecard and the ranking, through real grains.</summary>
public sealed class RankingGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static RecordingMailSender Mail => RecordingMailSender.Instance;

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    [Fact]
    public async Task A_response_shows_in_the_ranking_within_a_second()
    {
        var (campaign, suppliers, evaluator) = await LaunchWithEvaluatorAsync(1);

        var score = await SubmitAsync(await InvitationAsync(campaign, suppliers[0], evaluator), likert: "5", rating: "10");

        var row = await RowAsync(campaign, suppliers[0], r => r.Responses == 1, TimeSpan.FromSeconds(1));
        Assert.Equal(score, row.RawScore!.Value, 9);
    }

    [Fact]
    public async Task Groups_stay_apart_and_only_internal_evaluation_is_ranked_by_default()
    {
        var (campaign, suppliers, evaluator) = await LaunchWithEvaluatorAsync(1);

        var own = await SubmitAsync(await InvitationAsync(campaign, suppliers[0]), likert: "5", rating: "10");
        var internalScore = await SubmitAsync(await InvitationAsync(campaign, suppliers[0], evaluator), likert: "1", rating: "2");

        var row = await RowAsync(campaign, suppliers[0], r => r.Groups.All(g => g.Responses == 1));
        var evaluators = Assert.Single(row.Groups, g => g.Group == RecipientKind.Evaluator);
        var contacts = Assert.Single(row.Groups, g => g.Group == RecipientKind.Contact);
        Assert.Equal((1, internalScore), (evaluators.Responses, evaluators.Mean!.Value), new ScoreComparer());
        Assert.Equal((1, own), (contacts.Responses, contacts.Mean!.Value), new ScoreComparer());
        Assert.Equal(internalScore, row.RawScore!.Value, 9);
        Assert.Equal(1, row.Responses);
        Assert.True(row.LowResponse);
    }

    [Fact]
    public async Task An_edited_response_replaces_the_old_one_and_a_repeated_submit_counts_once()
    {
        var (campaign, suppliers, evaluator) = await LaunchWithEvaluatorAsync(1);
        var invitation = await InvitationAsync(campaign, suppliers[0], evaluator);
        var form = (await invitation.GetFormAsync())!;
        var first = Answers(form.Questionnaire, "2", "3");
        var submission = Guid.NewGuid();

        await invitation.SubmitAsync(first, submission);
        await invitation.SubmitAsync(first, submission);
        var edited = await SubmitAsync(invitation, likert: "5", rating: "10");

        var row = await RowAsync(campaign, suppliers[0], r => r.RawScore is { } raw && Math.Abs(raw - edited) < 1e-9);
        Assert.Equal(1, row.Responses);
        Assert.Equal(1, Assert.Single(row.Groups, g => g.Group == RecipientKind.Evaluator).Responses);
    }

    [Fact]
    public async Task A_supplier_without_responses_in_the_period_has_no_score_and_no_rank()
    {
        var (campaign, suppliers, evaluator) = await LaunchWithEvaluatorAsync(2);

        await SubmitAsync(await InvitationAsync(campaign, suppliers[0], evaluator), likert: "4", rating: "8");

        var answered = await RowAsync(campaign, suppliers[0], r => r.Responses == 1);
        var silent = await RowAsync(campaign, suppliers[1], _ => true);
        Assert.Equal(1, answered.Rank);
        Assert.Equal((null, null, null, null), (silent.Rank, silent.RankingScore, silent.RawScore, silent.Standing));
        Assert.Equal(0, silent.Responses);
    }

    [Fact]
    public async Task A_rebuild_from_the_stored_answers_gives_the_same_ranking_as_the_incremental_path()
    {
        var (campaign, suppliers, evaluator) = await LaunchWithEvaluatorAsync(3);
        string[][] answers = [["5", "9"], ["3", "6"], ["1", "2"]];
        for (var i = 0; i < suppliers.Count; i++)
        {
            await SubmitAsync(await InvitationAsync(campaign, suppliers[i], evaluator), answers[i][0], answers[i][1]);
            await SubmitAsync(await InvitationAsync(campaign, suppliers[i]), "4", "7");
        }

        // Each supplier's answers reach the ranking on a path of their own, in no set order.
        foreach (var supplier in suppliers)
        {
            await RowAsync(campaign, supplier, r => r.Responses == 1 && r.Groups.All(g => g.Responses == 1));
        }

        var incremental = await RankingAsync(campaign);

        await ScorecardRebuild.RunAsync(Grains, TestContext.Current.CancellationToken);
        var rebuilt = await RankingAsync(campaign);

        Assert.Equal(3, incremental.Count(r => r.Rank is not null));
        Assert.Equal(incremental.Select(Summary), rebuilt.Select(Summary));
        Assert.Equal([1, 2, 3], incremental.Select(r => r.Rank!.Value));
    }

    [Fact]
    public async Task Scores_the_scorecard_refused_go_again_and_reach_the_ranking()
    {
        var (campaign, suppliers, evaluator) = await LaunchWithEvaluatorAsync(1);
        ScorecardFaults.Instance.Refuse(suppliers[0], count: 2);

        var score = await SubmitAsync(await InvitationAsync(campaign, suppliers[0], evaluator), likert: "4", rating: "8");

        var row = await RowAsync(campaign, suppliers[0], r => r.Responses == 1, TimeSpan.FromSeconds(30));
        Assert.Equal(score, row.RawScore!.Value, 9);
        Assert.Equal(1, Assert.Single(await Grains.GetSupplierScorecard(suppliers[0]).GetAsync()).Groups.Sum(g => g.Responded));
    }

    [Fact]
    public async Task A_scorecard_line_that_arrives_after_a_later_one_changes_nothing()
    {
        var (campaign, suppliers, evaluator) = await LaunchWithEvaluatorAsync(1);
        await SubmitAsync(await InvitationAsync(campaign, suppliers[0], evaluator), likert: "4", rating: "8");
        var answered = await RowAsync(campaign, suppliers[0], r => r.Responses == 1);
        var line = Assert.Single(await Grains.GetSupplierScorecard(suppliers[0]).GetAsync());

        await Grains.GetRanking().UpdateSupplierAsync(suppliers[0], [line with { Revision = line.Revision - 1, Groups = [] }]);

        // A one-way call gives no moment after which it has arrived: watch for a while.
        for (var look = 0; look < 20; look++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            Assert.Equal(Summary(answered), Summary(await RowAsync(campaign, suppliers[0], _ => true)));
        }
    }

    [Fact]
    public async Task Imported_metrics_of_the_campaigns_quarter_reach_its_ranking_and_survive_a_reload()
    {
        var (campaign, suppliers, evaluator) = await LaunchWithEvaluatorAsync(1, deadline: Now.AddHours(2));
        var quarter = MetricQuarter.Of((await campaign.GetAsync())!.Definition.Deadline);
        var score = await SubmitAsync(await InvitationAsync(campaign, suppliers[0], evaluator), likert: "4", rating: "8");
        var metrics = new MetricValue[]
        {
            new(MetricInput.OnTimeDelivery, quarter, 90, 95, Scoring.MetricDirection.HigherIsBetter),
            new("Lead time days", quarter with { Year = quarter.Year - 1 }, 12, 10, Scoring.MetricDirection.LowerIsBetter),
        };

        var stored = await Grains.GetSupplierScorecard(suppliers[0]).ImportMetricsAsync(metrics, "qm@test.local");
        var row = await RowAsync(campaign, suppliers[0], r => r.Responses == 1 && r.MetricsScore is not null);
        await Grains.GetRanking().ReloadAsync();
        var reloaded = await RowAsync(campaign, suppliers[0], _ => true);

        // Only the campaign's quarter counts: 90 against 95 scores 100 · 90 / 95. The default weight is 0: shown, not ranked.
        Assert.Equal(2, stored.Added);
        Assert.Equal(100 * 90 / 95.0, row.MetricsScore!.Value, 9);
        Assert.Equal(MetricInput.OnTimeDelivery, Assert.Single(row.Metrics).Name);
        Assert.Equal(score, row.RawScore!.Value, 9);
        Assert.Equal(Summary(row), Summary(reloaded));
        Assert.Equal(row.MetricsScore, reloaded.MetricsScore);
    }

    private static string Summary(RankingRow row) =>
        FormattableString.Invariant($"{row.Rank} {row.SupplierId} {row.RankingScore:0.000000} {row.RawScore:0.000000} {row.Responses} {row.Standing} {string.Join(',', row.Groups.Select(g => $"{g.Group}:{g.Responses}:{g.Mean:0.000000}"))}");

    private async Task<IReadOnlyList<RankingRow>> RankingAsync(ICampaignGrain campaign) =>
        (await Grains.GetRanking().QueryAsync(new RankingQuery(RankingPeriod.OfCampaign(campaign.GetPrimaryKey()), Take: 100))).Items;

    private async Task<RankingRow> RowAsync(ICampaignGrain campaign, Guid supplierId, Func<RankingRow, bool> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var row = (await RankingAsync(campaign)).FirstOrDefault(r => r.SupplierId == supplierId);
            if (row is not null && condition(row))
            {
                return row;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The ranking did not show the expected line for {supplierId} in time: {row}");
            await Task.Delay(20);
        }
    }

    /// <summary>A campaign to <paramref name="supplierCount"/> suppliers with one contact each and one internal evaluator.</summary>
    private async Task<(ICampaignGrain Campaign, IReadOnlyList<Guid> Suppliers, string Evaluator)> LaunchWithEvaluatorAsync(int supplierCount, DateTimeOffset? deadline = null)
    {
        var suppliers = new List<Guid>();
        for (var i = 0; i < supplierCount; i++)
        {
            suppliers.Add(await SupplierAsync(Grains, "castings", "ana"));
        }

        var evaluator = $"eve-{Guid.NewGuid():N}@buyer.test";
        var definition = await DefinitionAsync(Grains, Now, [.. suppliers]) with { Evaluators = [new Evaluator("Eve Buyer", evaluator)] };
        if (deadline is { } at)
        {
            definition = definition with { Deadline = at, ReminderDays = [] };
        }

        return (await LaunchAsync(Grains, definition), suppliers, evaluator);
    }

    /// <summary>
    /// The invitation of the supplier's contact (from their email), or of the campaign's evaluator to rate this supplier
    /// (from the supplier's part of the campaign: the evaluator's one digest lists every supplier).
    /// </summary>
    private async Task<IInvitationGrain> InvitationAsync(ICampaignGrain campaign, Guid supplierId, string? evaluator = null)
    {
        if (evaluator is not null)
        {
            var part = (await Grains.GetSupplierCampaign(campaign.GetPrimaryKey(), supplierId).GetAsync())!;
            Assert.Single(Mail.To(evaluator));
            return Grains.GetGrain<IInvitationGrain>(Assert.Single(part.Invitations, i => i.Kind == RecipientKind.Evaluator).InvitationKey);
        }

        var supplier = (await Grains.GetGrain<ISupplierGrain>(supplierId).GetAsync())!;
        return Grains.InvitationOf(Assert.Single(Mail.To(supplier.Contacts[0].Email)));
    }

    private static async Task<double> SubmitAsync(IInvitationGrain invitation, string likert, string rating)
    {
        var form = (await invitation.GetFormAsync())!;
        var result = await invitation.SubmitAsync(Answers(form.Questionnaire, likert, rating), Guid.NewGuid());
        Assert.Equal(InvitationOutcome.Ok, result.Outcome);
        return (double)result.Response!.Scores.Overall!.Value;
    }

    private static Dictionary<string, string[]> Answers(QuestionnaireVersion questionnaire, string likert, string rating)
    {
        var answers = InvitationSamples.Complete(questionnaire);
        answers[questionnaire.Of(QuestionKind.Likert).Id] = [likert];
        answers[questionnaire.Of(QuestionKind.Rating).Id] = [rating];
        return answers;
    }

    private sealed class ScoreComparer : IEqualityComparer<(int, double)>
    {
        public bool Equals((int, double) x, (int, double) y) => x.Item1 == y.Item1 && Math.Abs(x.Item2 - y.Item2) < 1e-9;

        public int GetHashCode((int, double) obj) => obj.Item1;
    }
}
