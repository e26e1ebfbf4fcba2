using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Metrics;
using SupplierQuality.Grains.Scorecards;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Scorecards;

namespace SupplierQuality.Integration.Tests.Metrics;

/// <summary>
/// A node of its own for objective metrics: its tests give metrics a weight in the installation's scorecard settings,
/// which would move the rankings the other scorecard tests check. Each test makes its own suppliers.
/// </summary>
public sealed class MetricsNode : SharedNode
{
    public const string Collection = "Metrics node";

    /// <summary>The metrics weight these tests rank with, beside internal evaluation's default 100.</summary>
    public const double Weight = 25;

    public Surveys Surveys => new(Node);

    /// <summary>Gives metrics <see cref="Weight"/>; saving the settings already current writes nothing.</summary>
    public async Task WeightMetricsAsync()
    {
        var settings = Node.Grains.GetScorecardSettings();
        var current = await settings.GetAsync();
        var saved = await settings.SaveAsync(current.Settings with { MetricsWeight = Weight }, current.Version, "qm@test.local");
        Assert.NotNull(saved.Saved);
    }

    /// <summary>Suppliers with an external id each ("ERP-{tag}-A", ...) and one contact, in a category named after the tag.</summary>
    public async Task<List<SurveyedSupplier>> SuppliersAsync(string tag, int count)
    {
        var suppliers = new List<SurveyedSupplier>();
        for (var i = 0; i < count; i++)
        {
            var externalId = ExternalId(tag, i);
            var id = SupplierIds.FromExternalId(externalId);
            var name = $"{tag} {(char)('A' + i)}";
            var contact = new SupplierContact("Dana Contact", $"dana-{i}@{tag}.test");
            var created = await Node.Grains.GetGrain<ISupplierGrain>(id).CreateAsync(new CreateSupplier(
                new SupplierProfile(name, tag, externalId, SupplierStatus.Active, [contact])));
            Assert.Equal(CommandOutcome.Created, created.Outcome);
            suppliers.Add(new SurveyedSupplier(id, name, tag, contact.Email));
        }

        return suppliers;
    }

    public static string ExternalId(string tag, int index) => $"ERP-{tag}-{(char)('A' + index)}";

    /// <summary>A tag no other test uses, for names, external ids and categories.</summary>
    public static string Tag() => "M" + Guid.NewGuid().ToString("N")[..7];

    /// <summary>
    /// A campaign to the suppliers with one evaluator, closing in this quarter (so its ranking blends this quarter's
    /// metrics, which can be imported now: a quarter that has not begun is refused), and that quarter.
    /// </summary>
    public async Task<(TestCampaign Campaign, MetricQuarter Quarter)> LaunchAsync(IReadOnlyList<SurveyedSupplier> suppliers, string name)
    {
        var now = DateTimeOffset.UtcNow;
        var left = MetricQuarter.Of(now).Start.AddMonths(3) - now;
        var deadlineIn = left > TimeSpan.FromDays(20) ? TimeSpan.FromDays(10) : left / 2;
        var campaign = await Surveys.LaunchAsync(await Surveys.QuestionnaireAsync(), suppliers, evaluators: 1, name, deadlineIn);
        var deadline = (await Node.Grains.GetGrain<ICampaignGrain>(campaign.Id).GetAsync())!.Definition.Deadline;
        return (campaign, MetricQuarter.Of(deadline));
    }
}

[CollectionDefinition(MetricsNode.Collection)]
public sealed class MetricsNodeDefinition : ICollectionFixture<MetricsNode>;
