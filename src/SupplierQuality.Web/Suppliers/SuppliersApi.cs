using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Web.Accounts;
using SupplierQuality.Web.Commands;
using SupplierQuality.Web.Suppliers.Import;

namespace SupplierQuality.Web.Suppliers;

/// <summary>
/// <c>/api/suppliers</c>: the supplier list for ERP and BI systems. API keys only (see <see cref="Policies"/>);
/// any key reads, quality-manager and admin keys write.
/// </summary>
internal static class SuppliersApi
{
    public static RouteGroupBuilder MapSuppliersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/suppliers")
            .WithTags("Suppliers")
            .RequireAuthorization(Policies.ApiRead);

        api.MapGet("/", ListSuppliers)
            .WithName("ListSuppliers")
            .WithSummary("List suppliers")
            .WithDescription("A page of suppliers in name order, filtered by category (whole, any case), part of the name (q) and status.");

        // The guid constraint turns a malformed id into a 404 before any handler runs.
        api.MapGet("/{id:guid}", GetSupplier)
            .WithName("GetSupplier")
            .WithSummary("Get a supplier");

        api.MapPost("/", CreateSupplier)
            .RequireAuthorization(Policies.ApiWrite)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CreateSupplier")
            .WithSummary("Create a supplier")
            .WithDescription("With an externalId the call is idempotent: the same body again answers 200 with the supplier, another body for that externalId answers 409.");

        api.MapPut("/{id:guid}", UpdateSupplier)
            .RequireAuthorization(Policies.ApiWrite)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("UpdateSupplier")
            .WithSummary("Replace a supplier's profile")
            .WithDescription("Send the version you read; if the supplier changed since, the answer is 409 with the current version.");

        api.MapSupplierCategories();
        api.MapSupplierImport();
        return api;
    }

    public static async Task<Results<Ok<SupplierPage>, ValidationProblem>> ListSuppliers(
        IGrainFactory grains, int? page, int? pageSize, string? category, string? q, string? status)
    {
        var statusKnown = SupplierInput.TryParseStatus(status, out var parsedStatus);
        var query = new SupplierQuery(
            new SupplierFilter(Blank(category), Blank(q), parsedStatus),
            page ?? 1,
            pageSize ?? SupplierQuery.DefaultPageSize);
        var errors = query.Validate();
        if (!statusKnown)
        {
            errors["status"] = ["The status must be Active or Inactive."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await grains.ListSuppliersAsync(query));
    }

    public static async Task<Results<Ok<SupplierDetails>, NotFound>> GetSupplier(IGrainFactory grains, Guid id) =>
        await grains.GetGrain<ISupplierGrain>(id).GetAsync() is { } supplier
            ? TypedResults.Ok(supplier)
            : TypedResults.NotFound();

    public static async Task<Results<Created<SupplierDetails>, Ok<SupplierDetails>, ValidationProblem, ProblemHttpResult>> CreateSupplier(
        IGrainFactory grains, LinkGenerator links, HttpContext http, [FromBody] CreateSupplierRequest body)
    {
        var (profile, errors) = SupplierRequestMapping.ToProfile(body.Name, body.Category, body.ExternalId, body.Status, body.Contacts);
        if (errors.Count == 0)
        {
            profile = await AdmitCategoryAsync(grains, profile, errors);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var id = SupplierIds.ForNew(profile.ExternalId);
        var result = await grains.GetGrain<ISupplierGrain>(id).CreateAsync(new CreateSupplier(profile));
        return result.ToCreatedResult(
            links.GetPathByName(http, "GetSupplier", new { id }),
            Answers("A supplier with this external id already exists with other details. Update it with PUT instead."));
    }

    public static async Task<Results<Ok<SupplierDetails>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateSupplier(
        IGrainFactory grains, Guid id, [FromBody] UpdateSupplierRequest body)
    {
        var (profile, errors) = SupplierRequestMapping.ToProfile(body.Name, body.Category, body.ExternalId, body.Status, body.Contacts);
        if (body.Version is null)
        {
            errors["version"] = ["Send the version of the supplier you read, so changes made since are not overwritten."];
        }

        if (errors.Count == 0)
        {
            profile = await AdmitCategoryAsync(grains, profile, errors);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await grains.GetGrain<ISupplierGrain>(id).UpdateAsync(new UpdateSupplier(body.Version!.Value, profile));
        return result.ToHttpResult(Answers("The supplier was changed since you read it. Read it again and reapply your change."));
    }

    /// <summary>A 409 tells the caller which supplier and version it ran into.</summary>
    private static CommandHttp<SupplierDetails> Answers(string conflict) => new(conflict)
    {
        ConflictExtensions = current => new() { ["supplierId"] = current?.Id, ["currentVersion"] = current?.Version },
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// The profile with its category as the managed list spells it, a new category put on the list first; a category
    /// a typing mistake away from a listed one goes into <paramref name="errors"/> (docs/adr/0008).
    /// </summary>
    private static async Task<SupplierProfile> AdmitCategoryAsync(IGrainFactory grains, SupplierProfile profile, Dictionary<string, string[]> errors)
    {
        var (category, problem, isNew) = SupplierCategories.Admit(profile.Category, await grains.GetSupplierCategories().ListAsync());
        problem ??= isNew ? await grains.AddAllAsync([category]) : null;
        if (problem is not null)
        {
            errors["category"] = [problem];
        }

        return profile with { Category = category };
    }
}
