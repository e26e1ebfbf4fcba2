using SupplierQuality.Grains.Mail;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Grains.Campaigns;

/// <summary>
/// What launching a draft sends, counted the way the launch will: the audience's suppliers as they are now, their
/// contacts less bounced and suppressed addresses, and each evaluator once (one digest of every supplier they rate,
/// docs/adr/0007). Shown before the manager confirms, because a launch cannot be taken back.
/// </summary>
/// <param name="People">Different addresses that get mail.</param>
/// <param name="Emails">Emails sent at opening: one per contact and one per evaluator.</param>
/// <param name="Unreachable">Contacts left out: bounced before, unsubscribed or reported spam.</param>
/// <param name="Counted">False above <see cref="LaunchPlans.MaxCounted"/> suppliers: then only suppliers are counted.</param>
internal sealed record LaunchPlan(int Suppliers, int People, int Emails, int Unreachable, bool Counted);

internal static class LaunchPlans
{
    /// <summary>Reading every supplier's contacts costs a grain call each: a page does not wait for more.</summary>
    public const int MaxCounted = 2_000;

    public static async Task<LaunchPlan> PlanLaunchAsync(this IGrainFactory grains, CampaignDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(definition);
        var audience = await grains.AudienceAsync(definition.Audience, definition.Category, definition.Suppliers);
        if (audience.Count > MaxCounted)
        {
            return new LaunchPlan(audience.Count, 0, 0, 0, Counted: false);
        }

        var suppliers = (await Task.WhenAll(audience.Select(id => grains.GetGrain<ISupplierGrain>(id).GetAsync()))).OfType<SupplierDetails>().ToList();
        var contacts = suppliers.SelectMany(s => s.Contacts.Select(c => c.Email)
            .Where(e => !s.UndeliverableEmails.Contains(e, StringComparer.OrdinalIgnoreCase))).ToList();
        var suppressed = await Task.WhenAll(contacts.Select(e => grains.GetMailSuppression(e).ReasonAsync()));
        var reached = contacts.Where((_, i) => suppressed[i] is null).ToList();
        var unreachable = suppliers.Sum(s => s.Contacts.Count) - reached.Count;
        var people = reached.Concat(definition.Evaluators.Select(e => e.Email)).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var evaluators = suppliers.Count == 0 ? 0 : definition.Evaluators.Select(e => EvaluatorDigest.Normalize(e.Email)).Distinct(StringComparer.Ordinal).Count();
        return new LaunchPlan(suppliers.Count, people, reached.Count + evaluators, unreachable, Counted: true);
    }

    /// <summary>The suppliers a campaign asks, resolved as at opening: the chosen ones, or the active ones (of a category).</summary>
    public static async Task<List<Guid>> AudienceAsync(this IGrainFactory grains, AudienceKind audience, string? category, IReadOnlyList<Guid> chosen)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (audience == AudienceKind.Chosen)
        {
            return [.. chosen];
        }

        var active = await grains.QuerySuppliersAsync(new SupplierFilter(audience == AudienceKind.Category ? category : null, null, SupplierStatus.Active));
        return [.. active.First.Select(e => e.Id)];
    }
}
