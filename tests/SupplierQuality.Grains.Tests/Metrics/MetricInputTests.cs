using SupplierQuality.Grains.Metrics;
using SupplierQuality.Scoring;

namespace SupplierQuality.Grains.Tests.Metrics;

public sealed class MetricInputTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly MetricQuarter Q2 = new(2026, 2);

    private static (MetricValue? Metric, Dictionary<string, string> Errors) Create(
        string? name, MetricQuarter? period = null, double? value = 96, double? target = 95, string? direction = null, double? worst = null)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        return (MetricInput.Create(name, period ?? Q2, value, target, direction, worst, Now, errors), errors);
    }

    [Theory]
    [InlineData("2026-Q4", 2026, 4)]
    [InlineData(" 2026 q1 ", 2026, 1)]
    [InlineData("2026Q2", 2026, 2)]
    [InlineData("Q3 2025", 2025, 3)]
    public void A_quarter_is_read_in_the_ways_people_write_it(string text, int year, int quarter)
    {
        Assert.True(MetricQuarter.TryParse(text, out var parsed));
        Assert.Equal(new MetricQuarter(year, quarter), parsed);
        Assert.Equal($"{year}-Q{quarter}", parsed.ToString());
    }

    [Theory]
    [InlineData("2026-Q5")]
    [InlineData("2026-10")]
    [InlineData("1999-Q4")]
    [InlineData("=2026-Q4")]
    [InlineData("")]
    public void Anything_else_is_not_a_quarter(string text) => Assert.False(MetricQuarter.TryParse(text, out _));

    [Fact]
    public void A_quarter_contains_the_months_of_its_dates_in_utc()
    {
        Assert.Equal(new MetricQuarter(2026, 4), MetricQuarter.Of(new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new MetricQuarter(2027, 1), MetricQuarter.Of(new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.FromHours(-2))));
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), Q2.Start);
    }

    [Theory]
    [InlineData("on_time_delivery", MetricInput.OnTimeDelivery, MetricDirection.HigherIsBetter)]
    [InlineData("On-time delivery %", MetricInput.OnTimeDelivery, MetricDirection.HigherIsBetter)]
    [InlineData("defect ppm", MetricInput.DefectPpm, MetricDirection.LowerIsBetter)]
    public void The_two_known_metrics_take_their_own_name_and_direction(string written, string name, MetricDirection direction)
    {
        var (metric, errors) = Create(written, value: 10, target: 20);

        Assert.Empty(errors);
        Assert.Equal((name, direction), (metric!.Name, metric.Direction));
    }

    [Fact]
    public void Any_other_metric_needs_its_direction()
    {
        var (missing, errors) = Create("Lead time days", value: 12, target: 10);
        var (given, none) = Create("  Lead   time days ", value: 12, target: 10, direction: "Lower is better");

        Assert.Null(missing);
        Assert.StartsWith("Write higher or lower: \"Lead time days\" is not", errors["direction"], StringComparison.Ordinal);
        Assert.Empty(none);
        Assert.Equal(("Lead time days", MetricDirection.LowerIsBetter), (given!.Name, given.Direction));
    }

    [Theory]
    [InlineData("Defect PPM", 10.0, 20.0, "higher", null, "direction", "Defect PPM is better when lower: write lower, or leave the direction empty.")]
    [InlineData("On-time delivery %", 101.0, 95.0, null, null, "value", "On-time delivery % is a percentage from 0 to 100.")]
    [InlineData("Defect PPM", 10.0, 0.0, null, null, "target", "With lower is better and a target of 0 or less, give the worst value (the value that scores 0), above the target; without one it is 10 times the target.")]
    [InlineData("Scrap rate", 1.0, 2.0, "lower", 1.5, "worst", "The worst value (1.5) must be above the target (2) when lower is better.")]
    [InlineData("=HYPERLINK(\"x\")", 1.0, 2.0, "lower", null, "metric", "The value starts with \"=\", so a spreadsheet would run it as a formula when the list is opened later. Remove the \"=\".")]
    [InlineData("Scrap rate", 1.0, 2.0, "sideways", null, "direction", "Write higher or lower: whether a higher value is better.")]
    public void A_metric_that_makes_no_sense_is_refused_with_a_sentence_for_its_field(
        string name, double value, double target, string? direction, double? worst, string field, string message)
    {
        var (metric, errors) = Create(name, value: value, target: target, direction: direction, worst: worst);

        Assert.Null(metric);
        Assert.Equal(message, errors[field]);
    }

    [Fact]
    public void A_quarter_that_has_not_begun_is_refused()
    {
        var (metric, errors) = Create(MetricInput.OnTimeDelivery, new MetricQuarter(2026, 3));

        Assert.Null(metric);
        Assert.Equal("2026-Q3 has not begun yet. Check the year and the quarter.", errors["period"]);
    }

    [Fact]
    public void A_lower_is_better_target_of_0_scores_against_its_worst_value()
    {
        var (metric, errors) = Create(MetricInput.DefectPpm, value: 50, target: 0, worst: 200);

        Assert.Empty(errors);
        Assert.Equal(75, metric!.Score()!.Value, 9);
    }

    [Fact]
    public void Names_that_differ_in_case_spacing_and_punctuation_are_the_same_metric()
    {
        var a = new MetricValue("Lead-time days", Q2, 1, 2, MetricDirection.LowerIsBetter);
        var b = a with { Name = "lead_time  DAYS" };
        var otherQuarter = a with { Period = new MetricQuarter(2026, 1) };

        Assert.True(a.SameSlot(b));
        Assert.False(a.SameSlot(otherQuarter));
    }
}
