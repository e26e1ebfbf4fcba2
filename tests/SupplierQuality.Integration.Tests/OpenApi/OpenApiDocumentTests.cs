using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using SupplierQuality.Integration.Tests.Scorecards;

namespace SupplierQuality.Integration.Tests.OpenApi;

/// <summary>
/// The document at /openapi/v1.json against the node that serves it: every /api route the node maps is in it (read
/// from the node's endpoints, so a route added without documentation fails here), the API key scheme is declared and
/// applied, and real answers fit the schemas it declares for them.
/// </summary>
[Collection(OpenApiNode.Collection)]
public sealed class OpenApiDocumentTests(OpenApiNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<PublishedDocument> DocumentAsync() => PublishedDocument.LoadAsync(fixture.Reader);

    /// <summary>Every <c>/api</c> operation the node maps, as (document path, lower-case method), read from its endpoints.</summary>
    private List<(string Path, string Method)> MappedApiOperations()
    {
        var operations = fixture.Node.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.PathSegments is [{ Parts: [RoutePatternLiteralPart { Content: "api" }] }, ..])
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["(any method)"])
                .Select(m => (DocumentPath(e.RoutePattern), m.ToLowerInvariant())))
            .Distinct()
            .ToList();
        // Guards the enumeration itself: the API has more operations than this.
        Assert.True(operations.Count >= 30, $"Only {operations.Count} /api operations were found.");
        return operations;
    }

    /// <summary>The path as an OpenAPI document writes it: parameters by name, without their constraints.</summary>
    private static string DocumentPath(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            _ => throw new InvalidOperationException($"Unknown route part {p}."),
        }))));

    private static void AssertFits(IReadOnlyList<string> problems) =>
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

    [Fact]
    public async Task The_document_is_OpenAPI_3_1_and_anyone_may_read_it()
    {
        using var anonymous = fixture.Node.CreateClient();
        var document = await PublishedDocument.LoadAsync(anonymous);
        Assert.StartsWith("3.1.", (string)document.Root["openapi"]!, StringComparison.Ordinal);
        Assert.Equal("SupplierQuality API", (string?)document.Root["info"]?["title"]);
        Assert.Equal("v1", (string?)document.Root["info"]?["version"]);
    }

    [Fact]
    public async Task The_document_describes_the_API_and_the_mail_webhook_and_nothing_else()
    {
        var document = await DocumentAsync();
        var paths = document.Root["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.All(paths, p => Assert.Matches("^/(api|webhooks)/", p));
        Assert.Contains("/webhooks/sendgrid", paths);
    }

    [Fact]
    public async Task Every_api_route_the_node_maps_is_in_the_document_with_a_name_and_a_summary()
    {
        var document = await DocumentAsync();
        var problems = new List<string>();
        foreach (var (path, method) in MappedApiOperations())
        {
            if (document.Operation(path, method) is not { } operation)
            {
                problems.Add($"{method.ToUpperInvariant()} {path} is not in the document.");
                continue;
            }

            if (string.IsNullOrWhiteSpace((string?)operation["operationId"]) || string.IsNullOrWhiteSpace((string?)operation["summary"]))
            {
                problems.Add($"{method.ToUpperInvariant()} {path} has no name (operationId) or no summary.");
            }

            if (operation["responses"] is not JsonObject responses || !responses.Any(r => r.Key.StartsWith('2')))
            {
                problems.Add($"{method.ToUpperInvariant()} {path} declares no success answer.");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task The_API_key_scheme_is_declared_and_required_by_every_api_operation_and_by_nothing_else()
    {
        var document = await DocumentAsync();
        var scheme = document.Root["components"]?["securitySchemes"]?["ApiKey"];
        Assert.Equal(("http", "bearer"), ((string?)scheme?["type"], (string?)scheme?["scheme"]));
        var problems = new List<string>();
        foreach (var (path, method) in MappedApiOperations())
        {
            var operation = document.Operation(path, method);
            if (operation?["security"] is not JsonArray security || !security.Any(r => r is JsonObject o && o.ContainsKey("ApiKey")))
            {
                problems.Add($"{method.ToUpperInvariant()} {path} does not require the ApiKey scheme.");
            }

            if (operation?["responses"]?["401"] is null)
            {
                problems.Add($"{method.ToUpperInvariant()} {path} does not declare 401.");
            }

            // Writes take a quality-manager or admin key: a read-only key gets 403.
            if (method is "post" or "put" && operation?["responses"]?["403"] is null)
            {
                problems.Add($"{method.ToUpperInvariant()} {path} does not declare 403.");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        // The SendGrid webhook is anonymous: its credential is SendGrid's signature, not a key.
        Assert.Null(document.Operation("/webhooks/sendgrid", "post")?["security"]);
        Assert.NotNull(document.Operation("/webhooks/sendgrid", "post"));
    }

    [Fact]
    public async Task A_created_supplier_and_a_supplier_list_fit_their_schemas()
    {
        var document = await DocumentAsync();
        var tag = Guid.NewGuid().ToString("N")[..10];
        using var created = await fixture.Writer.PostAsJsonAsync(
            "/api/suppliers",
            new { name = $"Schema Castings {tag}", category = "Castings", externalId = $"ERP-{tag}", contacts = new[] { new { name = "Ann Lee", email = "ann@schema.example" } } },
            Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        AssertFits(await document.ProblemsAsync("/api/suppliers", "post", created));

        using var list = await fixture.Reader.GetAsync($"/api/suppliers?q={tag}", Cancel);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(1, (int)(await list.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["total"]!);
        AssertFits(await document.ProblemsAsync("/api/suppliers", "get", list));
    }

    [Fact]
    public async Task Validation_and_conflict_problems_fit_their_schemas()
    {
        var document = await DocumentAsync();
        using var badQuery = await fixture.Reader.GetAsync("/api/suppliers?pageSize=0&status=Sleeping", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
        AssertFits(await document.ProblemsAsync("/api/suppliers", "get", badQuery));

        using var badRanking = await fixture.Reader.GetAsync("/api/rankings?take=0&sort=price", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, badRanking.StatusCode);
        AssertFits(await document.ProblemsAsync("/api/rankings", "get", badRanking));

        var externalId = $"ERP-{Guid.NewGuid():N}";
        using var first = await fixture.Writer.PostAsJsonAsync("/api/suppliers", new { name = "Conflict Metals", externalId }, Cancel);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var conflict = await fixture.Writer.PostAsJsonAsync("/api/suppliers", new { name = "Other Metals", externalId }, Cancel);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        AssertFits(await document.ProblemsAsync("/api/suppliers", "post", conflict));
    }

    [Fact]
    public async Task A_ranking_page_a_scorecard_and_a_campaign_with_answers_fit_their_schemas()
    {
        var document = await DocumentAsync();
        var (campaign, a, _) = await new Surveys(fixture.Node).AnsweredAsync("OpenAPI");

        using var ranking = await fixture.Reader.GetAsync($"/api/rankings?period={campaign.Period}", Cancel);
        Assert.Equal(HttpStatusCode.OK, ranking.StatusCode);
        Assert.Equal(2, (int)(await ranking.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["total"]!);
        AssertFits(await document.ProblemsAsync("/api/rankings", "get", ranking));

        using var scorecard = await fixture.Reader.GetAsync($"/api/suppliers/{a.Id}/scorecard", Cancel);
        Assert.Equal(HttpStatusCode.OK, scorecard.StatusCode);
        AssertFits(await document.ProblemsAsync("/api/suppliers/{id}/scorecard", "get", scorecard));

        using var details = await fixture.Reader.GetAsync($"/api/campaigns/{campaign.Id}", Cancel);
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        AssertFits(await document.ProblemsAsync("/api/campaigns/{id}", "get", details));

        using var supplier = await fixture.Reader.GetAsync($"/api/campaigns/{campaign.Id}/suppliers/{a.Id}", Cancel);
        Assert.Equal(HttpStatusCode.OK, supplier.StatusCode);
        AssertFits(await document.ProblemsAsync("/api/campaigns/{id}/suppliers/{supplierId}", "get", supplier));
    }
}
