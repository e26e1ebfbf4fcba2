using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.HttpResults;
using SupplierQuality.Grains.Suppliers;
using SupplierQuality.Web.Accounts;
using SupplierQuality.Web.CsvImports;

namespace SupplierQuality.Web.Suppliers.Import;

/// <summary>What importing a file would do (a dry run), with every problem that stops it.</summary>
internal sealed record SupplierImportPreviewResponse(
    int Rows,
    int Suppliers,
    int ToCreate,
    int ToUpdate,
    int Unchanged,
    IReadOnlyList<SupplierImportProblem> Errors,
    IReadOnlyList<SupplierImportProblem> Warnings,
    IReadOnlyList<SupplierImportChangeResponse> Changes)
{
    public static SupplierImportPreviewResponse From(SupplierImportPreview preview)
    {
        var plan = preview.Plan;
        return new SupplierImportPreviewResponse(
            plan.Rows,
            plan.Suppliers,
            plan.ToCreate,
            plan.ToUpdate,
            plan.Unchanged,
            preview.Errors,
            plan.Warnings,
            [.. plan.Changes.Select(c => new SupplierImportChangeResponse(c.Line, c.Action, c.SupplierId, c.Profile.Name, c.Profile.ExternalId, c.ChangedFields))]);
    }
}

/// <summary>A supplier a dry run would create or update, and for an update the fields that change.</summary>
internal sealed record SupplierImportChangeResponse(
    int Line, SupplierImportAction Action, Guid SupplierId, string Name, string? ExternalId, IReadOnlyList<string> ChangedFields);

/// <summary>
/// An applied (or still applying) import. <see cref="Failures"/> lists suppliers that could not be written, usually
/// because someone changed them after the file was read; everything else was written.
/// </summary>
internal sealed record SupplierImportResult(
    Guid? ImportId,
    SupplierImportPhase Status,
    int Total,
    int Done,
    int Created,
    int Updated,
    int Unchanged,
    IReadOnlyList<SupplierImportProblem> Failures)
{
    public static SupplierImportResult From(Guid? id, SupplierImportProgress progress) =>
        new(id, progress.Phase, progress.Total, progress.Done, progress.Created, progress.Updated, progress.Unchanged, progress.Failures);
}

/// <summary><c>POST /api/suppliers/import</c>: the CSV import for systems, the same rules as the import page.</summary>
internal static class SupplierImportApi
{
    /// <summary>
    /// How long a request that applies an import waits for it to finish. Larger imports answer 202 with a link to
    /// follow, before common client timeouts (100 seconds in .NET's HttpClient) give up on the request.
    /// </summary>
    public static readonly TimeSpan ApplyWait = TimeSpan.FromSeconds(30);

    public static RouteGroupBuilder MapSupplierImport(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/import", ImportSuppliers)
            .RequireAuthorization(Policies.ApiWrite)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("ImportSuppliers")
            .WithSummary("Import suppliers from a CSV file")
            .WithDescription(
                "The body is the file as text/csv in UTF-8: a header row naming the columns (name, category, external_id, contact_name, "
                + "contact_email, status, contact_role, contact_phone, contact_language), then one row per supplier or contact. With dryRun=true the answer is what the import would do "
                + "and every problem, with line numbers; nothing is written. Otherwise a file with any problem answers 400 with the same "
                + "list and writes nothing; a good file is applied and the answer counts what was created, updated and unchanged (202 "
                + "with a Location to follow when it takes longer than 30 seconds). Suppliers changed by someone after the file was read "
                + "are listed in failures and not written.");

        api.MapGet("/import/{id:guid}", GetImport)
            .RequireAuthorization(Policies.ApiWrite)
            .WithName("GetSupplierImport")
            .WithSummary("Follow an import that was still being applied");

        return api;
    }

    public static async Task<Results<Ok<SupplierImportPreviewResponse>, Ok<SupplierImportResult>, Accepted<SupplierImportResult>, ProblemHttpResult>> ImportSuppliers(
        IGrainFactory grains, TimeProvider time, LinkGenerator links, HttpContext http, bool? dryRun)
    {
        var request = http.Request;
        if (!IsUtf8Csv(request.ContentType))
        {
            return TypedResults.Problem(
                "Send the file as the body with Content-Type: text/csv (UTF-8).",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The body must be a CSV file.");
        }

        if (await ReadBodyAsync(request, http.RequestAborted) is not { } bytes)
        {
            return TypedResults.Problem(
                SupplierCsv.TooLarge.Message,
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "The file is too large.");
        }

        var preview = await SupplierImporter.PreviewAsync(grains, bytes, null, http.RequestAborted);
        if (dryRun == true)
        {
            return TypedResults.Ok(SupplierImportPreviewResponse.From(preview));
        }

        if (!preview.CanImport)
        {
            return TypedResults.Problem(
                $"The file has {preview.Errors.Count} {(preview.Errors.Count == 1 ? "problem" : "problems")} (listed in errors, with line numbers), so nothing was imported. Fix them and send the file again; add ?dryRun=true to check a file without importing it.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "The file has errors.",
                extensions: new Dictionary<string, object?> { ["errors"] = preview.Errors });
        }

        var plan = preview.Plan;
        if (plan.Changes.Count == 0)
        {
            return TypedResults.Ok(SupplierImportResult.From(null, new SupplierImportProgress(SupplierImportPhase.Applied, 0, 0, 0, 0, plan.Unchanged, [])));
        }

        var id = await SupplierImporter.StageAsync(grains, plan);
        var import = grains.GetGrain<ISupplierImportGrain>(id);
        await import.ApplyAsync();
        var progress = await ImportWait.UntilAppliedAsync(import.GetProgressAsync, p => p.Phase == SupplierImportPhase.Applied, ApplyWait, time, http.RequestAborted)
            ?? throw new InvalidOperationException($"The import {id} lost its plan while it was applied.");
        var result = SupplierImportResult.From(id, progress);
        return progress.Phase == SupplierImportPhase.Applied
            ? TypedResults.Ok(result)
            : TypedResults.Accepted(links.GetPathByName(http, "GetSupplierImport", new { id }), result);
    }

    public static async Task<Results<Ok<SupplierImportResult>, NotFound>> GetImport(IGrainFactory grains, Guid id) =>
        await grains.GetGrain<ISupplierImportGrain>(id).GetProgressAsync() is { } progress
            ? TypedResults.Ok(SupplierImportResult.From(id, progress))
            : TypedResults.NotFound();

    /// <summary>text/csv, in UTF-8 or with no charset said (the body is checked to be UTF-8 anyway).</summary>
    private static bool IsUtf8Csv(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && string.Equals(type.MediaType, "text/csv", StringComparison.OrdinalIgnoreCase)
        && (type.CharSet is null || type.CharSet.Trim('"').Replace("-", string.Empty, StringComparison.Ordinal).Equals("utf8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body, or null when it is larger than <see cref="SupplierCsv.MaxBytes"/> (read no further than that).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > SupplierCsv.MaxBytes)
        {
            return null;
        }

        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > SupplierCsv.MaxBytes)
            {
                return null;
            }

            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }
}
