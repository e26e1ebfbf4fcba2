using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SupplierQuality.Integration.Tests.OpenApi;

/// <summary>
/// The OpenAPI document a node serves, and real answers checked against the schemas it declares for them with a JSON
/// Schema 2020-12 validator (the dialect of OpenAPI 3.1).
/// </summary>
public sealed class PublishedDocument(JsonObject root)
{
    public const string Path = "/openapi/v1.json";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public JsonObject Root => root;

    public static async Task<PublishedDocument> LoadAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(Path, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return new PublishedDocument(JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!.AsObject());
    }

    /// <summary>The operation at a path as the document writes it (<c>/api/suppliers/{id}</c>) and a lower-case method.</summary>
    public JsonObject? Operation(string path, string method) => root["paths"]?[path]?[method] as JsonObject;

    /// <summary>
    /// Problems of the response's body against the schema the document declares for its operation, status code and
    /// media type; empty when it fits. A response the document does not declare is a problem too.
    /// </summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(string path, string method, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var media = response.Content.Headers.ContentType?.MediaType ?? "(none)";
        if (Operation(path, method)?["responses"]?[status]?["content"]?[media]?["schema"] is not { } schema)
        {
            return [$"{method.ToUpperInvariant()} {path} declares no {media} body for {status}."];
        }

        var body = await response.Content.ReadAsStringAsync(Cancel);
        using var instance = JsonDocument.Parse(body);
        var results = SchemaFor(schema).Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return results.IsValid ? [] : [.. Describe(results)];
    }

    /// <summary>
    /// A schema of its own for one declared schema, with the document's component schemas as its <c>$defs</c>, so the
    /// document's <c>#/components/schemas/…</c> references resolve inside it.
    /// </summary>
    private JsonSchema SchemaFor(JsonNode schema)
    {
        var wrapper = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = root["components"]?["schemas"]?.DeepClone() ?? new JsonObject(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        };
        var text = wrapper.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text, new BuildOptions());
    }

    private static IEnumerable<string> Describe(EvaluationResults results) =>
        (results.Details ?? [results])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"));
}
