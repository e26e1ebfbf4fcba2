namespace SupplierQuality.Grains.Scorecards;

[GrainType("supplier-scorecard")]
public sealed class SupplierScorecardGrain(
    [PersistentState("scorecard")] IPersistentState<SupplierScorecardState> state) : Grain, ISupplierScorecardGrain
{
    public Task UpdateCampaignAsync(CampaignScores scores) => StoreAsync(scores, replaceSameRevision: false);

    public Task ReplaceCampaignAsync(CampaignScores scores) => StoreAsync(scores, replaceSameRevision: true);

    public Task<IReadOnlyList<CampaignScores>> GetAsync() =>
        Task.FromResult<IReadOnlyList<CampaignScores>>([.. state.State.Campaigns]);

    private async Task StoreAsync(CampaignScores scores, bool replaceSameRevision)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var lines = state.State.Campaigns;
        var index = lines.FindIndex(l => l.CampaignId == scores.CampaignId);
        if (index >= 0 && (lines[index].Revision > scores.Revision || (lines[index].Revision == scores.Revision && !replaceSameRevision)))
        {
            return;
        }

        if (index >= 0)
        {
            lines[index] = scores.ForStorage();
        }
        else
        {
            lines.Add(scores.ForStorage());
        }

        await state.WriteOrDeactivateAsync(this);
        await GrainFactory.GetRanking().UpdateSupplierAsync(this.GetPrimaryKey(), [.. lines]);
    }
}
