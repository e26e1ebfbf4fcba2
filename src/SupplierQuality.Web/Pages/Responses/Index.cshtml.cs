using SupplierQuality.Web.Responses;

namespace SupplierQuality.Web.Pages.Responses;

/// <summary>
/// Every submitted response of a campaign, supplier by supplier and within a supplier group by group, each answer as
/// the respondent chose it. For anyone signed in: executives read responses too.
/// </summary>
public sealed class IndexModel(IGrainFactory grains) : ResponsesPageModel(grains)
{
    protected override string What => "Responses";

    /// <summary>The questions shown: the one filtered, or all.</summary>
    public IReadOnlyList<NumberedQuestion> Shown => Filter.Question is { } question ? [question] : Choosable;

    protected override IReadOnlyList<NumberedQuestion> Filterable(IReadOnlyList<NumberedQuestion> questions) => questions;
}
