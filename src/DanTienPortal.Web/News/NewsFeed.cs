using System.Globalization;
using System.Text;
using System.Xml;
using DanTienPortal.Web.Content;
using DanTienPortal.Web.Web;
using Microsoft.Extensions.Options;

namespace DanTienPortal.Web.News;

/// <summary><c>/tin-tuc/feed.xml</c>: the latest public news as an Atom 1.0 feed.</summary>
public static class NewsFeed
{
    public const string Path = "/tin-tuc/feed.xml";
    public const string ContentType = "application/atom+xml; charset=utf-8";
    private const string Atom = "http://www.w3.org/2005/Atom";
    private const int Entries = 20;

    public static IEndpointRouteBuilder MapNewsFeed(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpRequest request, NewsCatalog news, IOptions<SiteOptions> site, TimeProvider time) =>
            Results.Bytes(Build(news.Public().Take(Entries).ToList(), path => site.Value.Absolute(request, path), site.Value.Name, time.GetUtcNow()), ContentType))
            .CacheOutput(PublicPageCache.Policy);
        return endpoints;
    }

    public static byte[] Build(IReadOnlyList<NewsArticle> articles, Func<string, string> absolute, string publisher, DateTimeOffset now)
    {
        using var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xml", "lang", null, "vi");
            xml.WriteElementString("id", Atom, absolute("/tin-tuc"));
            xml.WriteElementString("title", Atom, "Tin tức – Xã Dân Tiến");
            xml.WriteElementString("subtitle", Atom, "Tin tức về cải cách hành chính, thủ tục và hoạt động của UBND xã Dân Tiến.");
            xml.WriteElementString("updated", Atom, Timestamp(articles.Count > 0 ? articles.Max(Updated) : now));
            Link(xml, "self", absolute(Path), "application/atom+xml");
            Link(xml, "alternate", absolute("/tin-tuc"), "text/html");
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, publisher);
            xml.WriteEndElement();
            foreach (var article in articles)
            {
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, absolute(article.Url));
                xml.WriteElementString("title", Atom, article.Title);
                xml.WriteElementString("published", Atom, Timestamp(article.PublishedAt));
                xml.WriteElementString("updated", Atom, Timestamp(Updated(article)));
                Link(xml, "alternate", absolute(article.Url), "text/html");
                xml.WriteElementString("summary", Atom, article.Summary);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return output.ToArray();
    }

    private static DateTimeOffset Updated(NewsArticle article) => article.UpdatedAt ?? article.PublishedAt;

    private static string Timestamp(DateTimeOffset moment) => moment.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }
}
