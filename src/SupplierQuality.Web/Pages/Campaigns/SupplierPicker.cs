using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Pages.Campaigns;

/// <summary>
/// The chosen-suppliers checkbox list without script: one page of active suppliers whose name matches a filter.
/// Its filter and paging buttons post the whole form to a handler that only shows it again, so nothing typed is
/// lost, and the suppliers chosen on other pages travel along as hidden inputs.
/// </summary>
public sealed class SupplierPicker
{
    public const int PageSize = 50;

    /// <summary>The name the ticked boxes post under (<c>Form.Suppliers</c>).</summary>
    public required string FieldName { get; init; }

    /// <summary>Where the filter and paging buttons post (the page's handler that shows the form again).</summary>
    public required string PickAction { get; init; }

    public string? Filter { get; init; }

    public required SupplierPage Page { get; init; }

    public required IReadOnlySet<Guid> Chosen { get; init; }

    /// <summary>Suppliers listed without a box: the campaign already asks them.</summary>
    public IReadOnlySet<Guid> AlreadyIn { get; init; } = new HashSet<Guid>();

    public int PageCount => Math.Max(1, (Page.Total + PageSize - 1) / PageSize);

    /// <summary>Chosen suppliers that this page does not show, posted again as hidden inputs.</summary>
    public IEnumerable<Guid> ChosenElsewhere
    {
        get
        {
            var shown = Page.Items.Select(s => s.Id).ToHashSet();
            return Chosen.Where(id => !shown.Contains(id));
        }
    }

    /// <summary>The page <paramref name="pageNumber"/> of active suppliers whose name contains <paramref name="filter"/>; past the end, the last page.</summary>
    public static async Task<SupplierPicker> LoadAsync(
        IGrainFactory grains, string fieldName, string pickAction, string? filter, int pageNumber, IEnumerable<Guid> chosen, IReadOnlySet<Guid>? alreadyIn = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var query = new SupplierFilter(null, string.IsNullOrWhiteSpace(filter) ? null : filter.Trim(), SupplierStatus.Active);
        var page = await grains.ListSuppliersAsync(new SupplierQuery(query, Math.Max(1, pageNumber), PageSize));
        var last = Math.Max(1, (page.Total + PageSize - 1) / PageSize);
        if (page.Page > last)
        {
            // The filter changed under a later page: show the last one rather than an empty list.
            page = await grains.ListSuppliersAsync(new SupplierQuery(query, last, PageSize));
        }

        return new SupplierPicker
        {
            FieldName = fieldName,
            PickAction = pickAction,
            Filter = query.NameContains,
            Page = page,
            Chosen = chosen.ToHashSet(),
            AlreadyIn = alreadyIn ?? new HashSet<Guid>(),
        };
    }
}
