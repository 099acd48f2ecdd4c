using DanTienPortal.Web.Content;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages;

public sealed class IndexModel(ContentStore content) : PageModel
{
    public ContentSnapshot Site { get; private set; } = null!;

    public IReadOnlyList<Procedure> Popular { get; private set; } = [];

    public IReadOnlyList<NewsArticle> LatestNews { get; private set; } = [];

    public void OnGet()
    {
        Site = content.Current;
        Popular = Site.Popular.Take(8).ToList();
        LatestNews = Site.News.Take(3).ToList();
    }
}
