using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Web.Accounts;
using SupplierQuality.Web.Commands;

namespace SupplierQuality.Web.Suppliers;

/// <summary>The body of <c>POST /api/suppliers/categories</c>.</summary>
internal sealed record AddCategoryRequest(string? Name);

/// <summary>The managed category list (docs/adr/0008-managed-supplier-categories.md).</summary>
internal sealed record SupplierCategoryList(IReadOnlyList<string> Categories);

/// <summary><c>/api/suppliers/categories</c>: any key reads the list, quality-manager and admin keys add to it.</summary>
internal static class SupplierCategoriesApi
{
    public static RouteGroupBuilder MapSupplierCategories(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/categories", ListCategories)
            .WithName("ListSupplierCategories")
            .WithSummary("List the supplier categories")
            .WithDescription("The managed list a supplier's category must be on, sorted ignoring case.");

        api.MapPost("/categories", AddCategory)
            .RequireAuthorization(Policies.ApiWrite)
            .WithName("AddSupplierCategory")
            .WithSummary("Add a supplier category")
            .WithDescription("201 with the list when added; 200 when the category was already on it (in any case), so a retry is safe.");
        return api;
    }

    public static async Task<Ok<SupplierCategoryList>> ListCategories(IGrainFactory grains) =>
        TypedResults.Ok(new SupplierCategoryList(await grains.GetSupplierCategories().ListAsync()));

    public static async Task<Results<Created<SupplierCategoryList>, Ok<SupplierCategoryList>, ValidationProblem, ProblemHttpResult>> AddCategory(
        IGrainFactory grains, LinkGenerator links, HttpContext http, [FromBody] AddCategoryRequest body)
    {
        var result = await grains.GetSupplierCategories().AddAsync(body.Name ?? string.Empty);
        var answer = new CommandResult<SupplierCategoryList>(
            result.Outcome, result.Value is { } list ? new SupplierCategoryList(list) : null, result.Errors, result.Message);
        return answer.ToCreatedResult(
            links.GetPathByName(http, "ListSupplierCategories"),
            new CommandHttp<SupplierCategoryList>("The category could not be added."));
    }
}
