using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SupplierQuality.Web.Pages;

/// <summary>
/// <c>&lt;time at="@campaign.Deadline" /&gt;</c> renders
/// <c>&lt;time datetime="2099-03-31T17:00:00Z"&gt;31 March 2099, 17:00 UTC&lt;/time&gt;</c> (<see cref="Times"/>).
/// </summary>
[HtmlTargetElement("time", Attributes = "at")]
public sealed class TimeTagHelper : TagHelper
{
    public DateTimeOffset At { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("datetime", Times.Iso(At));
        output.Content.SetContent(Times.Show(At));
    }
}
