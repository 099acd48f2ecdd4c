using DanTienPortal.Web.Content;
using DanTienPortal.Web.News;
using DanTienPortal.Web.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace DanTienPortal.Web.Pages.News;

/// <summary>The news list: the content files' and the editor's public articles, newest first, in pages.</summary>
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class IndexModel(NewsCatalog catalog) : PageModel
{
    public const int PageSize = 10;

    [BindProperty(SupportsGet = true, Name = "trang")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<NewsArticle> Articles { get; private set; } = [];

    public int PageCount { get; private set; }

    public IActionResult OnGet()
    {
        var news = catalog.Public();
        PageCount = Math.Max(1, (news.Count + PageSize - 1) / PageSize);
        if (PageNumber < 1 || PageNumber > PageCount)
        {
            return NotFound();
        }

        Articles = news.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }
}
