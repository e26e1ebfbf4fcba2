using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using SupplierQuality.Email.Languages;
using SupplierQuality.Email.Templates;

namespace SupplierQuality.Web.Pages;

/// <summary>
/// <c>&lt;time at="@campaign.Deadline" /&gt;</c> renders
/// <c>&lt;time datetime="2099-03-31T17:00:00Z"&gt;31 March 2099, 19:00 (UTC+02:00, Europe/Berlin)&lt;/time&gt;</c>:
/// in the signed-in reader's zone (<see cref="Times.ZoneOf"/>), or in <c>zone="@z"</c> where the page says whose
/// (a survey form shows the campaign's).
/// </summary>
[HtmlTargetElement("time", Attributes = "at")]
public sealed class TimeTagHelper : TagHelper
{
    public DateTimeOffset At { get; set; }

    /// <summary>The zone to write the time in; null for the reader's.</summary>
    public Zone? Zone { get; set; }

    /// <summary>The language to write the time in (a survey form's); null for English.</summary>
    public Language? Language { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("datetime", Times.Iso(At));
        output.Content.SetContent((Zone ?? Times.ZoneOf(ViewContext.HttpContext.User)).Show(At, Language));
    }
}
