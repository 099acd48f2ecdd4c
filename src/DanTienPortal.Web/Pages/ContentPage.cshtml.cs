using DanTienPortal.Web.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages;

/// <summary>A page written in <c>content/pages/</c> (giới thiệu, liên hệ…), at <c>/{slug}</c>.</summary>
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
