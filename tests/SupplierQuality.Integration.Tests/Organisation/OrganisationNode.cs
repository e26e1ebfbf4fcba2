using System.Net.Http.Headers;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Organisation;

/// <summary>
/// One node for the organisation page and API tests, started without <c>Campaigns:BuyerName</c>. Tests share its one
/// organisation, so each reads the version it saves from and checks what it saved, not what others left.
/// </summary>
public sealed class OrganisationNode : IAsyncLifetime
{
    public const string Collection = "Organisation node";

    /// <summary>The signature and header of a PNG: enough for the node, which tells the type by the first bytes.</summary>
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];

    private TestNode? _node;

    public TestNode Node => _node ?? throw new InvalidOperationException("The node has not started.");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _node = await TestNode.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }

    public Task<HttpClient> SignedInAdminAsync() => Node.CreateSignedInClientAsync(Roles.Admin);

    /// <summary>
    /// Opens <c>/admin/organisation</c> and posts its form as a browser does (multipart, with the page's antiforgery
    /// token and version), with these fields (<c>Form.Name</c>, ...) and, when given, a logo file.
    /// </summary>
    public static async Task<HttpResponseMessage> PostPageAsync(
        HttpClient client, IReadOnlyDictionary<string, string> fields, byte[]? logo = null, string logoName = "logo.png", string logoType = "image/png")
    {
        var version = (await HtmlPage.GetAsync(client, "/admin/organisation")).ValueOf("Form_Version")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(await client.GetAntiforgeryTokenAsync("/admin/organisation")), NodeClientExtensions.AntiforgeryField },
            { new StringContent(version), "Form.Version" },
        };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        if (logo is not null)
        {
            var part = new ByteArrayContent(logo);
            part.Headers.ContentType = new MediaTypeHeaderValue(logoType);
            content.Add(part, "Logo", logoName);
        }

        return await client.PostAsync("/admin/organisation", content, Cancel);
    }

    /// <summary>Every text field of the page, as a person fills them in.</summary>
    public static Dictionary<string, string> Fields(string name, string contactName = "Quinn Quality", string contactEmail = "quinn@acme.example", string replyTo = "quality@acme.example", string privacyNote = "Only our quality team reads your answers.") => new()
    {
        ["Form.Name"] = name,
        ["Form.ContactName"] = contactName,
        ["Form.ContactEmail"] = contactEmail,
        ["Form.ReplyTo"] = replyTo,
        ["Form.PrivacyNote"] = privacyNote,
    };
}

[CollectionDefinition(OrganisationNode.Collection)]
public sealed class OrganisationNodeDefinition : ICollectionFixture<OrganisationNode>;
