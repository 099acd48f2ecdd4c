using System.Globalization;
using System.Text;
using System.Xml;
using DanTienPortal.Web.Web;
using Microsoft.Extensions.Options;

namespace DanTienPortal.Web.Content;

/// <summary><c>/sitemap.xml</c> listing every public page, and <c>/robots.txt</c> pointing to it.</summary>
public static class SiteMapEndpoints
{
    public static IEndpointRouteBuilder MapSiteMap(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sitemap.xml", async (HttpRequest request, ContentStore store, News.NewsCatalog news, Data.PortalDbContext db, IOptions<SiteOptions> site) =>
        {
            var answers = await Feedback.Publication.ListForSiteMapAsync(db, request.HttpContext.RequestAborted);
            return Results.Text(Build(path => site.Value.Absolute(request, path), store.Current, news.Public(), answers), "application/xml; charset=utf-8");
        });

        endpoints.MapGet("/robots.txt", (HttpRequest request, IOptions<SiteOptions> site) => Results.Text(
            $"User-agent: *\nDisallow: /can-bo/\nDisallow: /phan-anh-kien-nghi/tra-cuu\nDisallow: /api/\n\nSitemap: {site.Value.Absolute(request, "/sitemap.xml")}\n",
            "text/plain; charset=utf-8"));
        return endpoints;
    }

    /// <summary>
    /// Paths of every public page, with the date each last changed when known; <paramref name="news"/> is every
    /// public article, <paramref name="answers"/> every published answer to feedback.
    /// </summary>
    public static IEnumerable<(string Path, DateOnly? Modified)> PublicPages(
        ContentSnapshot content, IReadOnlyList<NewsArticle> news, IReadOnlyList<(string Code, DateTimeOffset PublishedAt)>? answers = null)
    {
        yield return ("/", null);
        yield return ("/thu-tuc", null);
        foreach (var procedure in content.Procedures)
        {
            yield return (procedure.Url, procedure.LastReviewed);
        }

        if (content.Plan is { } plan)
        {
            yield return (plan.Url, null);
            yield return (plan.TasksUrl, null);
        }

        foreach (var agency in content.Agencies)
        {
            yield return ($"/co-quan/{agency.Slug}", null);
        }

        yield return ("/tin-tuc", news.Count > 0 ? news[0].Published : null);
        foreach (var article in news)
        {
            yield return (article.Url, Display.LocalDate(article.UpdatedAt ?? article.PublishedAt));
        }

        foreach (var page in content.Pages)
        {
            yield return (page.Url, null);
        }

        answers ??= [];
        yield return ("/phan-anh-kien-nghi", answers.Count > 0 ? Display.LocalDate(answers[0].PublishedAt) : null);
        yield return ("/phan-anh-kien-nghi/gui", null);
        yield return ("/thong-ke", null);
        foreach (var (code, publishedAt) in answers)
        {
            yield return (Feedback.Publication.Url(code), Display.LocalDate(publishedAt));
        }
    }

    private static string Build(
        Func<string, string> absolute, ContentSnapshot content, IReadOnlyList<NewsArticle> news, IReadOnlyList<(string Code, DateTimeOffset PublishedAt)> answers)
    {
        var output = new StringBuilder();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            xml.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            foreach (var (path, modified) in PublicPages(content, news, answers))
            {
                xml.WriteStartElement("url");
                xml.WriteElementString("loc", absolute(path));
                if (modified is { } date)
                {
                    xml.WriteElementString("lastmod", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }
}
