using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace DanTienPortal.Web.Web;

/// <summary>
/// <c>&lt;a nav-section="/thu-tuc"&gt;</c>: a main-navigation link that tells screen readers and
/// the stylesheet when the current page belongs to its section.
/// </summary>
[HtmlTargetElement("a", Attributes = "nav-section")]
public sealed class NavLinkTagHelper : TagHelper
{
    [HtmlAttributeName("nav-section")]
    public string Section { get; set; } = "/";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.SetAttribute("href", Section);
        var path = ViewContext.HttpContext.Request.Path;
        var current = Section == "/"
            ? path == "/"
            : path.StartsWithSegments(Section, StringComparison.OrdinalIgnoreCase);
        if (current)
        {
            output.Attributes.SetAttribute("aria-current", path == Section ? "page" : "true");
        }
    }
}
