using DanTienPortal.Web.Content;
using DanTienPortal.Web.News;
using DanTienPortal.Web.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace DanTienPortal.Web.Pages.News;

/// <summary>One public article; a draft, withdrawn or not yet due post is as unknown as a wrong address.</summary>
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class DetailsModel(NewsCatalog catalog) : PageModel
{
    public NewsArticle Article { get; private set; } = null!;

    public IActionResult OnGet(string slug)
    {
        if (catalog.Find(slug) is not { } article)
        {
            return NotFound();
        }

        Article = article;
        return Page();
    }
}
