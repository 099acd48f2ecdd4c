using DanTienPortal.Web.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.News;

public sealed class IndexModel(ContentStore content) : PageModel
{
    public const int PageSize = 10;

    [BindProperty(SupportsGet = true, Name = "trang")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<NewsArticle> Articles { get; private set; } = [];

    public int PageCount { get; private set; }

    public IActionResult OnGet()
    {
        var news = content.Current.News;
        PageCount = Math.Max(1, (news.Count + PageSize - 1) / PageSize);
        if (PageNumber < 1 || PageNumber > PageCount)
        {
            return NotFound();
        }

        Articles = news.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }
}
