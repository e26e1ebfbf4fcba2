using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Reviews;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Storage;
using SupplierQuality.Scoring;

namespace SupplierQuality.Integration.Tests.Reviews;

/// <summary>A review's stored shapes (frozen rows, decisions with their dates, the audit trail) through the node's real grain storage.</summary>
public sealed class ReviewStorageTests
{
    [Fact]
    public async Task A_review_with_its_decisions_and_audit_trail_survives_a_restart_on_the_embedded_database()
    {
        using var database = new TemporarySqliteDatabase();
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:SqlitePath"] = database.FilePath };
        var id = Guid.NewGuid();
        var rows = new[]
        {
            new ReviewRow(1, Guid.NewGuid(), "Castings Ltd", "castings", 81.5, 84.25, 70.1, 98.4, 5, 6, Standing.Preferred, false, MovementDirection.Up, 0.012),
            new ReviewRow(null, Guid.NewGuid(), "Silent plc", "castings", null, null, null, null, 0, 2, null, true, MovementDirection.None, null),
        };
        var command = new CreateReview("Q2 castings review", RankingPeriod.QuarterOf(Guid.NewGuid(), DateTimeOffset.UtcNow), "Q2 2026", "castings", rows,
            "exec@test.local", ScorecardSettings.Default with { Strategic = 90 }, ["Grow", "Exit"], "Q1 2026");
        ReviewDetails before;
        await using (var first = await TestNode.StartAsync(settings))
        {
            var review = first.Grains.GetReview(id);
            Assert.Equal(CommandOutcome.Created, (await review.CreateAsync(command)).Outcome);
            Assert.Equal(CommandOutcome.Ok, (await review.RecordDecisionAsync(rows[0].SupplierId, "Exit", "Ana", new DateOnly(2031, 12, 31), "Line one\nline two", "exec@test.local", 0)).Outcome);
            Assert.Equal(CommandOutcome.Ok, (await review.FinishAsync("exec@test.local")).Outcome);
            before = (await review.GetAsync())!;
        }

        await using var second = await TestNode.StartAsync(settings);
        var after = (await second.Grains.GetReview(id).GetAsync())!;
        var listed = Assert.Single(await second.Grains.GetReviewDirectory().ListAsync());

        Assert.Equal(before.Lines, after.Lines);
        Assert.Equal(before.Audit, after.Audit);
        Assert.Equal(before with { Lines = [], Audit = [], DecisionOptions = [] }, after with { Lines = [], Audit = [], DecisionOptions = [] });
        Assert.Equal(["Grow", "Exit"], after.DecisionOptions);
        Assert.Equal(CommandOutcome.Ok, (await second.Grains.GetReview(id).CreateAsync(command)).Outcome);
        Assert.Equal((id, ReviewStatus.Finished, 2), (listed.Id, listed.Status, listed.Suppliers));
    }
}
