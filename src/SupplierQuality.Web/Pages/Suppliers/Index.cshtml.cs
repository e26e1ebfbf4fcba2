using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Pages.Suppliers;

public sealed class IndexModel(IGrainFactory grains) : PageModel
{
    public const int PageSize = 50;

    /// <summary>Part of the name to look for.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>Not named "page": Razor Pages reserves that route value for the page path.</summary>
    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public SupplierPage Suppliers { get; private set; } = new(1, PageSize, 0, []);

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public int PageCount => Math.Max(1, (Suppliers.Total + PageSize - 1) / PageSize);

    public bool Filtered => Q is not null || Category is not null || Status is not null;

    public async Task OnGetAsync()
    {
        // A hand-edited address should still show a list, not an error: out-of-range values fall back.
        PageNumber = Math.Max(1, PageNumber);
        var status = SupplierInput.TryParseStatus(Status, out var parsed) ? parsed : null;
        Status = status?.ToString();
        Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        Category = string.IsNullOrWhiteSpace(Category) ? null : Category.Trim();

        var list = grains.ListSuppliersAsync(new SupplierQuery(new SupplierFilter(Category, Q, status), PageNumber, PageSize));
        Categories = await grains.ListSupplierCategoriesAsync();
        Suppliers = await list;
    }

    /// <summary>Query values for a link to another page of the same list.</summary>
    public Dictionary<string, string> RouteFor(int pageNumber)
    {
        var values = new Dictionary<string, string>
        {
            ["pageNumber"] = pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in new[] { ("q", Q), ("category", Category), ("status", Status) })
        {
            if (value is not null)
            {
                values[key] = value;
            }
        }

        return values;
    }
}
