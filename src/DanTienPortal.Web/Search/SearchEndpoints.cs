namespace DanTienPortal.Web.Search;

/// <summary><c>/api/search</c> and <c>/api/search/suggest</c>: the same search as the results page, as JSON.</summary>
public static class SearchEndpoints
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/search").CacheOutput(SearchModule.CachePolicy);

        api.MapGet("/", (
            SearchService search,
            string? q,
            string? loai,
            [Microsoft.AspNetCore.Mvc.FromQuery(Name = "linh-vuc")] string? linhVuc,
            [Microsoft.AspNetCore.Mvc.FromQuery(Name = "co-quan")] string? coQuan,
            string? trang) =>
        {
            var results = search.Search(new SearchRequest(q, loai, linhVuc, coQuan, Math.Clamp(int.TryParse(trang, out var page) ? page : 1, 1, 1000)));
            return Results.Json(new
            {
                query = results.Query,
                total = results.Total,
                page = results.Page,
                pageCount = results.PageCount,
                hits = results.Hits.Select(h => new
                {
                    type = h.Type,
                    title = h.Title,
                    url = h.Url,
                    // HTML: the text is encoded; matched words are wrapped in <mark>.
                    snippet = h.SnippetHtml,
                    score = Math.Round(h.Score, 4),
                }),
                facets = results.Facets.ToDictionary(f => f.Key, f => f.Value.Select(v => new { value = v.Value, label = v.Label, count = v.Count })),
                didYouMean = results.DidYouMean,
                answer = results.Answer?.Url,
            });
        });

        api.MapGet("/suggest", (SearchService search, string? q) => Results.Json(search.Suggest(q)));
        return endpoints;
    }
}
