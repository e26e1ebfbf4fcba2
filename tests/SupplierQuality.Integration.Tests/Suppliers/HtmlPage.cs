using System.Net;
using System.Text.RegularExpressions;

namespace SupplierQuality.Integration.Tests.Suppliers;

/// <summary>A page's HTML, read the way a person would: decoded text, input values and the title.</summary>
internal sealed partial class HtmlPage(string html)
{
    /// <summary>The page with entities decoded, for looking for messages and markup.</summary>
    public string Text { get; } = WebUtility.HtmlDecode(html);

    public string Title => TitleElement().Match(Text).Groups[1].Value;

    public static async Task<HtmlPage> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadAsync(response);
    }

    public static async Task<HtmlPage> ReadAsync(HttpResponseMessage response) =>
        new(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    /// <summary>The value of the input with this id; null when it has none.</summary>
    public string? ValueOf(string id)
    {
        var input = Regex.Match(Text, $"<input[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>");
        Assert.True(input.Success, $"The page has no input with id {id}.");
        var value = ValueAttribute().Match(input.Value);
        return value.Success ? value.Groups[1].Value : null;
    }

    /// <summary>The start tag of the form control (input, select, textarea) with this id, whatever the order of its attributes.</summary>
    public string Control(string id)
    {
        var control = Regex.Match(Text, $"<(input|select|textarea)\\b[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>");
        Assert.True(control.Success, $"The page has no form control with id {id}.");
        return control.Value;
    }

    /// <summary>True when the control with this id says it is in error, and points at its message.</summary>
    public bool IsMarkedInvalid(string id)
    {
        var control = Control(id);
        return control.Contains("aria-invalid=\"true\"", StringComparison.Ordinal)
            && Regex.IsMatch(control, $"aria-describedby=\"[^\"]*\\b{Regex.Escape(id)}-error\\b");
    }

    /// <summary>The value of the selected option of the select with this id; null when none is marked selected.</summary>
    public string? SelectedValue(string id)
    {
        var select = Regex.Match(Text, $"<select\\b[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>(.*?)</select>", RegexOptions.Singleline);
        Assert.True(select.Success, $"The page has no select with id {id}.");
        var option = Regex.Match(select.Groups[1].Value, "<option\\b[^>]*\\bselected=\"selected\"[^>]*>");
        return option.Success ? ValueAttribute().Match(option.Value).Groups[1].Value : null;
    }

    [GeneratedRegex("<title>(.*?)</title>")]
    private static partial Regex TitleElement();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
