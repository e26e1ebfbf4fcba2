namespace SupplierQuality.Scoring.Tests;

public sealed class StandingsTests
{
    [Theory]
    [InlineData(100, Standing.Strategic)]
    [InlineData(85, Standing.Strategic)]
    [InlineData(84.99, Standing.Preferred)]
    [InlineData(70, Standing.Preferred)]
    [InlineData(69.99, Standing.Approved)]
    [InlineData(55, Standing.Approved)]
    [InlineData(54.99, Standing.Conditional)]
    [InlineData(40, Standing.Conditional)]
    [InlineData(39.99, Standing.AtRisk)]
    [InlineData(0, Standing.AtRisk)]
    public void A_threshold_belongs_to_the_standing_it_opens(double score, Standing expected)
    {
        Assert.Equal(expected, Standings.Of(score, StandingThresholds.Default));
    }

    [Fact]
    public void A_supplier_without_a_score_has_no_standing()
    {
        Assert.Null(Standings.Of(null, StandingThresholds.Default));
    }

    [Fact]
    public void Configured_thresholds_replace_the_defaults()
    {
        var strict = new StandingThresholds(Strategic: 90, Preferred: 80, Approved: 60, Conditional: 50);

        Assert.Equal(Standing.Preferred, Standings.Of(85, strict));
        Assert.Equal(Standing.AtRisk, Standings.Of(45, strict));
    }

    [Fact]
    public void The_default_thresholds_are_valid()
    {
        Assert.Empty(StandingThresholds.Default.Validate());
        Assert.Equal(new StandingThresholds(85, 70, 55, 40), StandingThresholds.Default);
    }

    [Fact]
    public void A_threshold_not_below_the_one_before_is_reported_on_its_field()
    {
        var errors = new StandingThresholds(85, 85, 55, 60).Validate();

        Assert.Equal(["conditional", "preferred"], errors.Keys.Order());
        Assert.Equal(["The Preferred threshold must be below the Strategic threshold (85)."], errors["preferred"]);
        Assert.Equal(["The Conditional threshold must be below the Approved threshold (55)."], errors["conditional"]);
    }

    [Fact]
    public void A_threshold_outside_0_to_100_is_reported_and_not_compared_further()
    {
        var errors = new StandingThresholds(101, 70, double.NaN, -1).Validate();

        Assert.Equal(["approved", "conditional", "strategic"], errors.Keys.Order());
        Assert.Equal(["The Strategic threshold must be a number from 0 to 100."], errors["strategic"]);
    }

    [Fact]
    public void Invalid_thresholds_are_refused_when_used()
    {
        Assert.Throws<ArgumentException>(() => Standings.Of(50, new StandingThresholds(40, 55, 70, 85)));
    }
}
