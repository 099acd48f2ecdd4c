using DanTienPortal.Web.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.News;

public sealed class DetailsModel(ContentStore content) : PageModel
{
    public NewsArticle Article { get; private set; } = null!;

    public IActionResult OnGet(string slug)
    {
        if (!content.Current.NewsBySlug.TryGetValue(slug, out var article))
        {
            return NotFound();
        }

        Article = article;
        return Page();
    }
}
