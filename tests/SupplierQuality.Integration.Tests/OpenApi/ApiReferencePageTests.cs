using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Scalar.AspNetCore;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.OpenApi;

/// <summary>
/// The Scalar API reference at /admin/api-reference/: admins only, and it runs on scripts this node serves from the
/// package (no CDN), under a policy that lets in only its own inline script.
/// </summary>
[Collection(OpenApiNode.Collection)]
public sealed partial class ApiReferencePageTests(OpenApiNode fixture)
{
    private const string PagePath = "/admin/api-reference/";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_gets_the_reference_page_and_it_loads_only_the_scripts_the_node_serves_from_the_package()
    {
        using var admin = await fixture.Node.CreateSignedInClientAsync(Roles.Admin);
        using var bare = await admin.GetAsync("/admin/api-reference", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);

        using var page = await admin.GetAsync(PagePath, Cancel);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(Cancel);
        // Scalar writes the document's address relative to the application's base, and resolves it in the browser.
        Assert.Contains($"\"url\":\"{PublishedDocument.Path.TrimStart('/')}\"", html, StringComparison.Ordinal);

        var sources = ScriptSource().Matches(html).Select(m => m.Groups["src"].Value).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, src => Assert.DoesNotMatch("^(https?:)?//", src));
        Assert.DoesNotMatch(@"<(link|img|iframe)[^>]*\b(href|src)=""(https?:)?//", html);

        // Each script is the node's own answer, and the bundle is byte for byte the one embedded in the package.
        var bundle = await EmbeddedAsync("scalar.js");
        foreach (var src in sources)
        {
            using var script = await admin.GetAsync(new Uri(page.RequestMessage!.RequestUri!, src), Cancel);
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
            if (src.EndsWith("/scalar.js", StringComparison.Ordinal) || src == "scalar.js")
            {
                Assert.Equal(bundle, await script.Content.ReadAsByteArrayAsync(Cancel));
            }
        }

        Assert.Contains(sources, s => s == "scalar.js" || s.EndsWith("/scalar.js", StringComparison.Ordinal));

        // The one inline script carries this response's nonce, and the policy admits nothing from another host.
        var csp = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        var nonce = InlineScriptNonce().Match(html);
        Assert.True(nonce.Success, "The inline script has no nonce.");
        Assert.Contains($"script-src 'self' 'nonce-{nonce.Groups["nonce"].Value}'", csp, StringComparison.Ordinal);
        Assert.DoesNotMatch("https?:", csp);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_answer_of_the_page_has_a_fresh_nonce()
    {
        using var admin = await fixture.Node.CreateSignedInClientAsync(Roles.Admin);
        async Task<string> NonceAsync()
        {
            using var page = await admin.GetAsync(PagePath, Cancel);
            return InlineScriptNonce().Match(await page.Content.ReadAsStringAsync(Cancel)).Groups["nonce"].Value;
        }

        var (first, second) = (await NonceAsync(), await NonceAsync());
        Assert.NotEqual("", first);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var anonymous = fixture.Node.CreateClient();
        using var response = await anonymous.GetAsync(PagePath, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.RedirectTarget(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.QualityManager)]
    [InlineData(Roles.Executive)]
    public async Task Signed_in_non_admins_are_denied(string role)
    {
        using var client = await fixture.Node.CreateSignedInClientAsync(role);
        using var response = await client.GetAsync(PagePath, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.RedirectTarget(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_API_key_does_not_open_the_page()
    {
        using var key = await fixture.Node.CreateApiClientAsync(Roles.Admin);
        using var response = await key.GetAsync(PagePath, Cancel);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.RedirectTarget(), StringComparison.Ordinal);
    }

    /// <summary>A file embedded in the Scalar.AspNetCore assembly, as sent to a client that takes no compression.</summary>
    private static async Task<byte[]> EmbeddedAsync(string file)
    {
        var assembly = typeof(ScalarOptions).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("ScalarStaticAssets." + file, StringComparison.Ordinal));
        using var copy = new MemoryStream();
        await using (var stream = assembly.GetManifestResourceStream(name)!)
        {
            await stream.CopyToAsync(copy, Cancel);
        }

        // The package embeds its bundle gzip-compressed and unpacks it for clients that do not accept gzip.
        var bytes = copy.ToArray();
        if (bytes is not [0x1f, 0x8b, ..])
        {
            return bytes;
        }

        await using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await gzip.CopyToAsync(plain, Cancel);
        return plain.ToArray();
    }

    [GeneratedRegex(@"<script\b[^>]*\bsrc=""(?<src>[^""]+)""")]
    private static partial Regex ScriptSource();

    [GeneratedRegex(@"<script\b(?![^>]*\bsrc=)[^>]*\bnonce=""(?<nonce>[^""]+)""")]
    private static partial Regex InlineScriptNonce();
}
