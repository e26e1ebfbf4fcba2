using SupplierQuality.Scoring;

namespace SupplierQuality.Grains.Webhooks;

[GrainType("supplier-standing")]
public sealed class SupplierStandingGrain(
    [PersistentState("supplierstanding")] IPersistentState<SupplierStandingState> state,
    TimeProvider time) : Grain, ISupplierStandingGrain
{
    public async Task ObserveAsync(IReadOnlyList<StandingObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var now = time.GetUtcNow();

        // Changed on copies: until the events are queued, the stored entries must stay as they were.
        var entries = state.State.Entries.Select(Copy).ToList();
        var events = new List<WebhookEvent>();
        foreach (var o in observations)
        {
            var period = o.Period.Period.ToString();
            var entry = entries.Find(e => e.Period == period && string.Equals(e.Category, o.Category, StringComparison.OrdinalIgnoreCase));
            Standing? old;
            if (entry is not null)
            {
                if (entry.Standing == o.Standing?.ToString())
                {
                    continue;
                }

                old = Enum.TryParse<Standing>(entry.Standing, out var recorded) ? recorded : null;
            }
            else if (!o.PreviousKnown || o.Previous == o.Standing)
            {
                continue;
            }
            else
            {
                old = o.Previous;
                entry = new StandingEntry { Category = o.Category, Period = period };
                entries.Add(entry);
            }

            entry.Revision++;
            entry.Standing = o.Standing?.ToString();
            entry.RankingScore = o.RankingScore;
            entry.ChangedAt = now;
            events.Add(WebhookEvents.StandingChanged(
                new StandingChangedData(
                    this.GetPrimaryKey(), o.SupplierName, o.SupplierCategory, o.Category is null ? "all" : "category", period,
                    o.Period.Period.Kind.ToString().ToLowerInvariant(), o.Period.Label, o.Period.End,
                    WebhookEvents.StandingName(old), WebhookEvents.StandingName(o.Standing), o.RankingScore, o.Rank, entry.Revision),
                now));
        }

        if (events.Count == 0)
        {
            return;
        }

        await GrainFactory.PublishWebhooksAsync([.. events]);
        state.State.Entries = entries;
        await state.WriteOrDeactivateAsync(this);
    }

    private static StandingEntry Copy(StandingEntry e) => new()
    {
        Category = e.Category,
        Period = e.Period,
        Standing = e.Standing,
        Revision = e.Revision,
        RankingScore = e.RankingScore,
        ChangedAt = e.ChangedAt,
    };
}
