using DanTienPortal.Web.Content;

namespace DanTienPortal.Web.Search;

/// <summary>A search as the page or the API asks it; filters are facet values.</summary>
public sealed record SearchRequest(string? Query, string? Type = null, string? Field = null, string? Agency = null, int Page = 1);

public sealed record SearchHit(
    string Type,
    string Title,
    string Url,
    string SnippetHtml,
    float Score,
    string? Field,
    string? Agency,
    DateOnly? Published);

public sealed record FacetValue(string Value, string Label, int Count, bool Selected);

/// <summary>Why a query found nothing worth ranking, told to the citizen in plain words.</summary>
public enum QueryProblem
{
    None,
    Empty,
    NoWords,
}

public sealed record SearchResults(
    string Query,
    int Total,
    IReadOnlyList<SearchHit> Hits,
    IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets,
    string? DidYouMean,
    Procedure? Answer,
    int Page,
    int PageCount,
    QueryProblem Problem,
    bool Truncated)
{
    public static SearchResults Nothing(string query, QueryProblem problem, bool truncated = false) =>
        new(query, 0, [], new Dictionary<string, IReadOnlyList<FacetValue>>(), null, null, 1, 0, problem, truncated);
}
