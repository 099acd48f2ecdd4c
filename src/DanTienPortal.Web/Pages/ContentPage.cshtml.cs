using DanTienPortal.Web.Content;
using DanTienPortal.Web.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace DanTienPortal.Web.Pages;

/// <summary>A page written in <c>content/pages/</c> (giới thiệu, liên hệ…), at <c>/{slug}</c>.</summary>
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class ContentPageModel(ContentStore content) : PageModel
{
    public Content.ContentPage Document { get; private set; } = null!;

    public IActionResult OnGet(string slug)
    {
        if (!content.Current.PagesBySlug.TryGetValue(slug, out var page))
        {
            return NotFound();
        }

        Document = page;
        return Page();
    }
}
