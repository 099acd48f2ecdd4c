using DanTienPortal.Web.Content;

namespace DanTienPortal.Web.Search;

/// <summary>What search knows of one page: the unit that is indexed, ranked and shown as a hit.</summary>
public sealed record SearchDocument(
    string Id,
    string Type,
    string Url,
    string Title,
    string Keywords,
    string Body,
    string? Field = null,
    string? Agency = null,
    DateOnly? Published = null);

public static class SearchTypes
{
    public const string Procedure = "procedure";
    public const string News = "news";
    public const string Plan = "plan";
    public const string Page = "page";

    public static readonly IReadOnlyList<string> All = [Procedure, Plan, News, Page];

    public static string Name(string type) => type switch
    {
        Procedure => "Thủ tục",
        News => "Tin tức",
        Plan => "Kế hoạch",
        _ => "Trang thông tin",
    };
}

/// <summary>Turns the content files into search documents.</summary>
public static class ContentDocuments
{
    public static IEnumerable<SearchDocument> From(ContentSnapshot content)
    {
        foreach (var p in content.Procedures)
        {
            var agency = content.AgenciesBySlug.TryGetValue(p.AgencySlug, out var a) ? a.Name : "";
            yield return new SearchDocument(
                $"procedure:{p.Slug}", SearchTypes.Procedure, p.Url, p.Title,
                string.Join(" · ", p.Keywords.Append(p.Code ?? "").Append(content.FieldName(p.FieldKey))),
                $"{p.ProcessingTime}. {p.Fee}. {p.SubmitAt}. {agency}. {p.Body.Text}",
                p.FieldKey, p.AgencySlug);
        }

        if (content.Plan is { } plan)
        {
            yield return new SearchDocument($"plan:{plan.Slug}", SearchTypes.Plan, plan.Url, plan.Title,
                $"{plan.ShortTitle} · cải cách hành chính", plan.Summary);
            foreach (var section in plan.Body.Sections.Where(s => s.HeadingId is not null && s.Text.Length > 0))
            {
                yield return new SearchDocument($"plan:{plan.Slug}#{section.HeadingId}", SearchTypes.Plan,
                    $"{plan.Url}#{section.HeadingId}", $"{section.HeadingText} – {plan.ShortTitle}", plan.ShortTitle, section.Text);
            }
        }

        foreach (var page in content.Pages)
        {
            yield return new SearchDocument($"page:{page.Slug}", SearchTypes.Page, page.Url, page.Title, page.Description, page.Body.Text);
        }

        foreach (var article in content.News)
        {
            yield return new SearchDocument($"news:{article.Slug}", SearchTypes.News, article.Url, article.Title, article.Summary,
                article.Body.Text, Published: article.Published);
        }
    }
}
