using DanTienPortal.Web.Content;
using DanTienPortal.Web.News;
using DanTienPortal.Web.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace DanTienPortal.Web.Pages;

[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class IndexModel(ContentStore content, NewsCatalog news) : PageModel
{
    public ContentSnapshot Site { get; private set; } = null!;

    public IReadOnlyList<Procedure> Popular { get; private set; } = [];

    public IReadOnlyList<NewsArticle> LatestNews { get; private set; } = [];

    public void OnGet()
    {
        Site = content.Current;
        Popular = Site.Popular.Take(8).ToList();
        LatestNews = news.Public().Take(3).ToList();
    }
}
