using SupplierQuality.Grains.Campaigns;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Grains.Tests.Campaigns;

namespace SupplierQuality.Grains.Tests.Invitations;

/// <summary>One link open in two browsers, both submitting over the version they loaded: one wins, the other is told.</summary>
public sealed class InvitationConcurrentSubmitTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Two_submits_over_the_same_version_store_one_and_the_aggregate_counts_it_once()
    {
        var supplier = await CampaignSamples.SupplierAsync(Grains, "castings", "ana");
        var campaign = await CampaignSamples.LaunchAsync(Grains, await CampaignSamples.DefinitionAsync(Grains, fixture.Time.GetUtcNow(), supplier));
        var email = (await Grains.GetGrain<ISupplierGrain>(supplier).GetAsync())!.Contacts[0].Email;
        var invitation = Grains.InvitationOf(RecordingMailSender.Instance.To(email)[0]);
        var version = (await invitation.GetFormAsync())!.Questionnaire;
        var likert = version.Of(QuestionKind.Likert).Id;
        var first = InvitationSamples.Complete(version);
        first[likert] = ["2"];
        var second = InvitationSamples.Complete(version);
        second[likert] = ["5"];
        var (firstId, secondId) = (Guid.NewGuid(), Guid.NewGuid());

        var results = await Task.WhenAll(
            invitation.SubmitReplacingAsync(first, firstId, replacesVersion: 0),
            invitation.SubmitReplacingAsync(second, secondId, replacesVersion: 0));

        var won = Assert.Single(results, r => r.Outcome == InvitationOutcome.Ok);
        var lost = Assert.Single(results, r => r.Outcome == InvitationOutcome.Replaced);
        Assert.Equal(1, won.Response!.Version);
        Assert.Equal(won.Response, lost.Response);
        var winner = won == results[0] ? (Answers: first, Id: firstId) : (Answers: second, Id: secondId);
        var loser = won == results[0] ? (Answers: second, Id: secondId) : (Answers: first, Id: firstId);
        Assert.Equal(winner.Answers[likert], won.Response.Answers[likert]);
        var stored = (await invitation.GetFormAsync())!.Submitted!;
        Assert.Equal((1, winner.Answers[likert][0]), (stored.Version, stored.Answers[likert][0]));

        var counted = await campaign.EventuallyAsync(d => d.Counts.Submitted == 1);
        Assert.Equal(1, counted.Counts.Submitted);
        var part = (await Grains.GetSupplierCampaign(campaign.GetPrimaryKey(), supplier).GetAsync())!;
        Assert.Equal(1, Assert.Single(part.Groups).Result.Responses);
        Assert.Equal(1, Assert.Single(part.Invitations).ResponseVersion);

        // A retry of the winning post is the same version; the loser, having seen it, may submit over it on purpose.
        Assert.Equal(won.Response, (await invitation.SubmitReplacingAsync(winner.Answers, winner.Id, replacesVersion: 0)).Response);
        var again = await invitation.SubmitReplacingAsync(loser.Answers, loser.Id, replacesVersion: 1);
        Assert.Equal((InvitationOutcome.Ok, 2), (again.Outcome, again.Response!.Version));
        await campaign.EventuallyAsync(d => d.Counts.Submitted == 1);
        var edited = await EventuallyAsync(
            () => Grains.GetSupplierCampaign(campaign.GetPrimaryKey(), supplier).GetAsync()!,
            p => p!.Invitations[0].ResponseVersion == 2);
        Assert.Equal(1, Assert.Single(edited!.Groups).Result.Responses);
        Assert.Equal(1, (await campaign.GetAsync())!.Counts.Submitted);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var value = await read();
            if (condition(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
