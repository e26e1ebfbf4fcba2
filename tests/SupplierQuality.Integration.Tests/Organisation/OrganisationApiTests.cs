using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Integration.Tests.Infrastructure;
using static SupplierQuality.Integration.Tests.Organisation.OrganisationNode;

namespace SupplierQuality.Integration.Tests.Organisation;

[Collection(Collection)]
public sealed class OrganisationApiTests(OrganisationNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_organisation_API_takes_admin_keys_only()
    {
        using var manager = await fixture.Node.CreateApiClientAsync(Roles.QualityManager);
        using var admin = await fixture.Node.CreateApiClientAsync(Roles.Admin);
        using var signedIn = await fixture.SignedInAdminAsync();

        using var managerRead = await manager.GetAsync("/api/organisation", Cancel);
        using var managerWrite = await manager.PutAsJsonAsync("/api/organisation", new { name = "Sneaky Ltd", privacyNote = "x" }, Cancel);
        using var cookie = await signedIn.GetAsync("/api/organisation", Cancel);
        using var adminRead = await admin.GetAsync("/api/organisation", Cancel);

        Assert.Equal(
            (HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized, HttpStatusCode.OK),
            (managerRead.StatusCode, managerWrite.StatusCode, cookie.StatusCode, adminRead.StatusCode));
    }

    [Fact]
    public async Task Settings_and_a_logo_saved_through_the_API_are_read_back_and_a_bad_one_is_a_400_naming_the_field()
    {
        using var admin = await fixture.Node.CreateApiClientAsync(Roles.Admin);
        var name = $"Api Buying {Guid.NewGuid():N}"[..20];

        using var saved = await admin.PutAsJsonAsync("/api/organisation", new { name, contactName = "Quinn Quality", contactEmail = "quinn@api.example", privacyNote = "Only our quality team reads your answers." }, Cancel);
        using var invalid = await admin.PutAsJsonAsync("/api/organisation", new { name = "our company", privacyNote = "" }, Cancel);
        using var logo = await admin.PutAsync("/api/organisation/logo", Image(Png, "image/png"), Cancel);
        using var text = await admin.PutAsync("/api/organisation/logo", Image("not an image"u8.ToArray(), "image/png"), Cancel);
        using var big = await admin.PutAsync("/api/organisation/logo", Image([.. Png, .. new byte[250 * 1024]], "image/png"), Cancel);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var body = (await saved.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;
        Assert.Equal((name, "Quinn Quality", "quinn@api.example", true), ((string)body["profile"]!["name"]!, (string)body["profile"]!["contactName"]!, (string)body["repliesTo"]!, (bool)body["named"]!));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["errors"]!.AsObject();
        Assert.Equal(["name", "privacyNote"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        var logoInfo = (await logo.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["logo"]!;
        Assert.Equal(("image/png", Png.Length), ((string)logoInfo["contentType"]!, (int)logoInfo["length"]!));
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Equal("The logo must be a PNG, JPEG or GIF image; this file is none of them.", (string)(await text.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["errors"]!["logo"]![0]!);
        Assert.Equal(HttpStatusCode.BadRequest, big.StatusCode);
        Assert.StartsWith("The logo is larger than 200 KB, the most allowed.", (string)(await big.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["errors"]!["logo"]![0]!, StringComparison.Ordinal);

        using var removed = await admin.DeleteAsync("/api/organisation/logo", Cancel);
        var after = (await removed.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;
        Assert.Equal((HttpStatusCode.OK, null, name), (removed.StatusCode, after["logo"], (string)after["profile"]!["name"]!));
        using var anonymous = fixture.Node.CreateClient();
        using var noLogo = await anonymous.GetAsync("/organisation/logo", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, noLogo.StatusCode);
    }

    private static ByteArrayContent Image(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }
}
