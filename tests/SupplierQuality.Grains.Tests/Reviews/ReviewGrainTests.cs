using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Reviews;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Scoring;

namespace SupplierQuality.Grains.Tests.Reviews;

/// <summary>
/// Strategic planning reviews through real grains, built from ranking rows made here. The review list is one grain
/// for the whole cluster, so each test reviews a category of its own.
/// </summary>
public sealed class ReviewGrainTests(ClusterFixture fixture)
{
    private const string Executive = "exec@test.local";

    private IGrainFactory Grains => fixture.Grains;

    private DateOnly Today => DateOnly.FromDateTime(fixture.Time.GetUtcNow().UtcDateTime);

    private static string NewCategory() => ClusterFixture.UniqueKey("category");

    /// <summary>Ranked rows for these names, best first: rank 1 scores 90, each next one 10 less.</summary>
    private static List<ReviewRow> Rows(string category, params string[] names) =>
    [
        .. names.Select((name, i) => new ReviewRow(
            i + 1, Guid.NewGuid(), name, category, 90 - (10 * i), 92 - (10 * i), 80 - (10 * i), 100 - (10 * i), 5, 6,
            i == 0 ? Standing.Strategic : Standing.Preferred, LowResponse: false, MovementDirection.None, null)),
    ];

    private static CreateReview Command(string category, IReadOnlyList<ReviewRow> rows, string title = "Q1 supplier review") =>
        new(title, RankingPeriod.OfCampaign(Guid.NewGuid()), "Spring survey", category, rows, Executive);

    private async Task<(IReviewGrain Review, List<ReviewRow> Rows)> CreatedAsync(string? category = null, params string[] names)
    {
        category ??= NewCategory();
        var rows = Rows(category, names.Length == 0 ? ["Castings Ltd", "Forge plc"] : names);
        var review = Grains.GetReview(Guid.NewGuid());
        Assert.Equal(CommandOutcome.Created, (await review.CreateAsync(Command(category, rows))).Outcome);
        return (review, rows);
    }

    [Fact]
    public async Task Create_is_idempotent_and_other_content_under_the_same_id_is_a_conflict()
    {
        var category = NewCategory();
        var command = Command(category, Rows(category, "Castings Ltd", "Forge plc"));
        var review = Grains.GetReview(Guid.NewGuid());

        var first = await review.CreateAsync(command);
        var again = await review.CreateAsync(command with { Rows = [.. command.Rows] });
        var changedRow = await review.CreateAsync(command with { Rows = [command.Rows[0] with { RankingScore = 10 }, command.Rows[1]] });
        var changedTitle = await review.CreateAsync(command with { Title = "Another title" });

        Assert.Equal((CommandOutcome.Created, CommandOutcome.Ok), (first.Outcome, again.Outcome));
        Assert.Equal(CommandOutcome.Conflict, changedRow.Outcome);
        Assert.Equal(CommandOutcome.Conflict, changedTitle.Outcome);
        var details = (await review.GetAsync())!;
        Assert.Equal(command.Rows, details.Lines.Select(l => l.Row));
        Assert.Equal(ReviewRules.DefaultDecisions, details.DecisionOptions);
        Assert.Single(details.Audit);
        var listed = Assert.Single(await Grains.GetReviewDirectory().ListAsync(), r => r.Id == review.GetPrimaryKey());
        Assert.Equal((command.Title, category, ReviewStatus.Open, 2, Executive), (listed.Title, listed.Category, listed.Status, listed.Suppliers, listed.CreatedBy));
    }

    [Fact]
    public async Task A_review_without_rows_or_title_is_refused_with_field_errors_and_nothing_is_stored()
    {
        var review = Grains.GetReview(Guid.NewGuid());

        var result = await review.CreateAsync(Command(NewCategory(), [], title: "  "));

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Equal(["rows", "title"], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Null(await review.GetAsync());
    }

    [Fact]
    public async Task Decisions_are_validated_with_a_message_for_each_bad_field()
    {
        var (review, rows) = await CreatedAsync();

        var result = await review.RecordDecisionAsync(
            rows[0].SupplierId, "Promote", " ", Today.AddDays(-1), new string('x', ReviewRules.MaxNoteLength + 1), Executive, 0);
        var longOwner = await review.RecordDecisionAsync(
            rows[0].SupplierId, "Monitor", new string('a', ReviewRules.MaxOwnerLength + 1), Today, "", Executive, 0);

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Equal(["decision", "due", "note", "owner"], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("Develop, Maintain, Monitor, Phase out", result.Errors["decision"][0], StringComparison.Ordinal);
        Assert.Equal(["owner"], longOwner.Errors.Keys);
        var details = (await review.GetAsync())!;
        Assert.All(details.Lines, l => Assert.Null(l.Decision));
        Assert.Single(details.Audit);
    }

    [Fact]
    public async Task A_decision_is_stored_trimmed_with_the_review_spelling_and_a_repeat_changes_nothing()
    {
        var (review, rows) = await CreatedAsync();

        var first = await review.RecordDecisionAsync(rows[0].SupplierId, " phase OUT ", " Ana ", Today, " Second source found. ", Executive, 0);
        var repeat = await review.RecordDecisionAsync(rows[0].SupplierId, "Phase out", "Ana", Today, "Second source found.", Executive, 0);

        Assert.Equal((CommandOutcome.Ok, CommandOutcome.Ok), (first.Outcome, repeat.Outcome));
        var details = (await review.GetAsync())!;
        Assert.Equal((review.GetPrimaryKey(), details.Revision, details.Revision), (first.Value!.Id, first.Value.Revision, repeat.Value!.Revision));
        var decision = details.LineOf(rows[0].SupplierId)!.Decision!;
        Assert.Equal(("Phase out", "Ana", Today, "Second source found.", Executive, 1), (decision.Decision, decision.Owner, decision.Due, decision.Note, decision.By, decision.Revision));
        Assert.Equal(2, details.Audit.Count);
    }

    [Fact]
    public async Task A_decision_from_a_stale_page_is_refused_with_who_changed_it()
    {
        var (review, rows) = await CreatedAsync();
        await review.RecordDecisionAsync(rows[0].SupplierId, "Monitor", "Ana", Today, "", "ana@test.local", 0);

        var stale = await review.RecordDecisionAsync(rows[0].SupplierId, "Develop", "Bo", Today, "", Executive, 0);

        Assert.Equal(CommandOutcome.Conflict, stale.Outcome);
        Assert.Contains("ana@test.local recorded a decision for Castings Ltd since you opened it", stale.Message, StringComparison.Ordinal);
        Assert.Equal("Monitor", (await review.GetAsync())!.LineOf(rows[0].SupplierId)!.Decision!.Decision);
    }

    [Fact]
    public async Task A_finished_review_refuses_every_change()
    {
        var (review, rows) = await CreatedAsync();
        await review.RecordDecisionAsync(rows[0].SupplierId, "Maintain", "Ana", Today, "", Executive, 0);

        var finished = await review.FinishAsync(Executive);
        var decision = await review.RecordDecisionAsync(rows[1].SupplierId, "Monitor", "Bo", Today, "", Executive, 0);
        var change = await review.RecordDecisionAsync(rows[0].SupplierId, "Develop", "Ana", Today, "", Executive, 1);
        var again = await review.FinishAsync(Executive);

        Assert.Equal((CommandOutcome.Ok, CommandOutcome.Ok), (finished.Outcome, again.Outcome));
        Assert.Equal((CommandOutcome.Conflict, ReviewRules.ReadOnlyMessage), (decision.Outcome, decision.Message));
        Assert.Equal((CommandOutcome.Conflict, ReviewRules.ReadOnlyMessage), (change.Outcome, change.Message));
        var details = (await review.GetAsync())!;
        Assert.Equal((ReviewStatus.Finished, Executive), (details.Status, details.FinishedBy));
        Assert.Equal("Maintain", details.LineOf(rows[0].SupplierId)!.Decision!.Decision);
        Assert.Null(details.LineOf(rows[1].SupplierId)!.Decision);
        Assert.Equal(3, details.Audit.Count);
        Assert.Equal(ReviewStatus.Finished, Assert.Single(await Grains.GetReviewDirectory().ListAsync(), r => r.Id == review.GetPrimaryKey()).Status);
    }

    [Fact]
    public async Task The_audit_trail_records_each_change_in_order()
    {
        var (review, rows) = await CreatedAsync(null, "Castings Ltd", "Forge plc");
        var castings = rows[0].SupplierId;
        var due = new DateOnly(Today.Year + 1, 3, 31);

        await review.RecordDecisionAsync(castings, "Monitor", "Ana", due, "", "ana@test.local", 0);
        await review.RecordDecisionAsync(rows[1].SupplierId, "Develop", "Bo", due, "Joint plan.", "bo@test.local", 0);
        await review.RecordDecisionAsync(castings, "Phase out", "Ana", due, "Second source found.", "ana@test.local", 1);
        await review.RecordDecisionAsync(castings, "Phase out", "Cy", due.AddDays(1), "Second source found.", "ana@test.local", 2);
        await review.FinishAsync(Executive);

        var audit = (await review.GetAsync())!.Audit;
        var year = due.Year;
        Assert.StartsWith("Review created: the ranking of Spring survey, category ", audit[0].What, StringComparison.Ordinal);
        Assert.Equal(
            [
                $"Decision for Castings Ltd: Monitor, owner Ana, due {year}-03-31",
                $"Decision for Forge plc: Develop, owner Bo, due {year}-03-31; note added",
                $"Decision for Castings Ltd: Monitor → Phase out, owner Ana, due {year}-03-31; note added",
                $"Decision for Castings Ltd: Phase out, owner Ana → Cy, due {year}-03-31 → {year}-04-01",
                "Review finished with decisions for 2 of 2 suppliers; it is read-only from now on.",
            ],
            audit.Skip(1).Select(a => a.What));
        Assert.Equal([Executive, "ana@test.local", "bo@test.local", "ana@test.local", "ana@test.local", Executive], audit.Select(a => a.By));
        Assert.Equal([null, castings, rows[1].SupplierId, castings, castings, null], audit.Select(a => a.SupplierId));
        Assert.True(audit.Zip(audit.Skip(1)).All(p => p.First.At <= p.Second.At));
    }

    [Fact]
    public async Task The_previous_finished_review_of_the_same_scope_is_carried_into_a_new_review()
    {
        var category = NewCategory();
        var (earlier, rows) = await CreatedAsync(category, "Castings Ltd", "Forge plc");
        await earlier.RecordDecisionAsync(rows[1].SupplierId, "Maintain", "Ana", Today, "", Executive, 0);
        await earlier.FinishAsync(Executive);
        var (open, _) = await CreatedAsync(category, "Castings Ltd");
        var (otherScope, _) = await CreatedAsync(NewCategory(), "Castings Ltd");
        await otherScope.FinishAsync(Executive);

        var newcomer = new ReviewRow(3, Guid.NewGuid(), "New Co", category, 50, 50, 40, 60, 3, 3, Standing.Conditional, false, MovementDirection.None, null);
        List<ReviewRow> now = [rows[1] with { Rank = 1, Standing = Standing.Strategic }, rows[0] with { Rank = 2 }, newcomer];
        var later = Grains.GetReview(Guid.NewGuid());
        Assert.Equal(CommandOutcome.Created, (await later.CreateAsync(Command(category, now, "Q2 supplier review"))).Outcome);

        var details = (await later.GetAsync())!;
        Assert.Equal(earlier.GetPrimaryKey(), details.PreviousReview!.Id);
        Assert.NotEqual(open.GetPrimaryKey(), details.PreviousReview.Id);
        Assert.Equal(new PreviousOutcome(rows[1].SupplierId, 2, Standing.Preferred, "Maintain"), details.LineOf(rows[1].SupplierId)!.Previous);
        Assert.Equal(new PreviousOutcome(rows[0].SupplierId, 1, Standing.Strategic, null), details.LineOf(rows[0].SupplierId)!.Previous);
        Assert.Null(details.LineOf(newcomer.SupplierId)!.Previous);
        Assert.Contains("Compared with the review \"Q1 supplier review\".", details.Audit[0].What, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_review_of_a_scope_without_a_finished_review_has_no_previous_column()
    {
        var (review, _) = await CreatedAsync();

        var details = (await review.GetAsync())!;

        Assert.Null(details.PreviousReview);
        Assert.All(details.Lines, l => Assert.Null(l.Previous));
    }

    [Fact]
    public async Task Commands_on_an_unknown_review_or_supplier_are_not_found()
    {
        var (review, _) = await CreatedAsync();
        var unknown = Grains.GetReview(Guid.NewGuid());

        Assert.Equal(CommandOutcome.NotFound, (await unknown.RecordDecisionAsync(Guid.NewGuid(), "Monitor", "Ana", Today, "", Executive, 0)).Outcome);
        Assert.Equal(CommandOutcome.NotFound, (await unknown.FinishAsync(Executive)).Outcome);
        Assert.Equal(CommandOutcome.NotFound, (await review.RecordDecisionAsync(Guid.NewGuid(), "Monitor", "Ana", Today, "", Executive, 0)).Outcome);
        Assert.Null(await unknown.GetAsync());
    }

    [Fact]
    public async Task A_review_created_with_its_own_decisions_accepts_only_those()
    {
        var category = NewCategory();
        var rows = Rows(category, "Castings Ltd");
        var review = Grains.GetReview(Guid.NewGuid());
        await review.CreateAsync(Command(category, rows) with { DecisionOptions = ["Grow", "Exit"] });

        var refused = await review.RecordDecisionAsync(rows[0].SupplierId, "Monitor", "Ana", Today, "", Executive, 0);
        var accepted = await review.RecordDecisionAsync(rows[0].SupplierId, "exit", "Ana", Today, "", Executive, 0);

        Assert.Equal(["decision"], refused.Errors.Keys);
        Assert.Equal(CommandOutcome.Ok, accepted.Outcome);
        Assert.Equal(["Grow", "Exit"], (await review.GetAsync())!.DecisionOptions);
    }
}
