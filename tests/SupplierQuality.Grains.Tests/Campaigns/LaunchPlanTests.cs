using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Mail;
using SupplierQuality.Grains.Suppliers;
using static SupplierQuality.Grains.Tests.Campaigns.CampaignSamples;

namespace SupplierQuality.Grains.Tests.Campaigns;

public sealed class LaunchPlanTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task The_plan_counts_each_reachable_contact_and_each_evaluator_once()
    {
        var first = await SupplierAsync(Grains, "castings", "ana", "ben");
        var second = await SupplierAsync(Grains, "castings", "cy");
        var ben = (await Grains.GetGrain<ISupplierGrain>(first).GetAsync())!.Contacts[1].Email;
        await Grains.GetMailSuppression(ben).SuppressAsync("unsubscribed");
        var definition = await DefinitionAsync(Grains, fixture.Time.GetUtcNow(), first, second) with
        {
            Evaluators = [new Evaluator("Eve", "eve@buyer.test"), new Evaluator("Ed", "ed@buyer.test")],
        };

        var plan = await Grains.PlanLaunchAsync(definition);

        // ana and cy, and one email each to Eve and Ed listing both suppliers; ben is left out.
        Assert.Equal(new LaunchPlan(Suppliers: 2, People: 4, Emails: 4, Unreachable: 1, Counted: true), plan);
    }

    [Fact]
    public async Task A_supplier_that_no_longer_exists_is_not_counted()
    {
        var kept = await SupplierAsync(Grains, "castings", "ana");
        var definition = await DefinitionAsync(Grains, fixture.Time.GetUtcNow(), kept, Guid.NewGuid());

        var plan = await Grains.PlanLaunchAsync(definition);

        Assert.Equal((1, 1, 1), (plan.Suppliers, plan.People, plan.Emails));
    }
}
