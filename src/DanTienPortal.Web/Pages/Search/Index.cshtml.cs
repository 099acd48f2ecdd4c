using DanTienPortal.Web.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DanTienPortal.Web.Pages.Search;

/// <summary>The results page: works as a plain GET form, filters and paging in the query string.</summary>
[OutputCache(PolicyName = SearchModule.CachePolicy)]
public sealed class IndexModel(SearchService search) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "loai")]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true, Name = "linh-vuc")]
    public string? Field { get; set; }

    [BindProperty(SupportsGet = true, Name = "co-quan")]
    public string? Agency { get; set; }

    [BindProperty(SupportsGet = true, Name = "trang")]
    public int PageNumber { get; set; } = 1;

    public SearchResults Results { get; private set; } = SearchResults.Nothing("", QueryProblem.Empty);

    /// <summary>The facet names as the query string spells them.</summary>
    public static readonly IReadOnlyDictionary<string, (string Parameter, string Heading)> FacetNames = new Dictionary<string, (string, string)>
    {
        ["type"] = ("loai", "Loại nội dung"),
        ["field"] = ("linh-vuc", "Lĩnh vực"),
        ["agency"] = ("co-quan", "Cơ quan"),
    };

    public void OnGet()
    {
        // Model binding leaves an unreadable page number at its default; clamp what it accepted.
        PageNumber = Math.Clamp(PageNumber, 1, 1000);
        Results = search.Search(new SearchRequest(Query, Type, Field, Agency, PageNumber));
    }

    /// <summary>This page's address with one parameter changed (null removes it) and paging reset.</summary>
    public string With(string parameter, string? value, int page = 1)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = Results.Query,
            ["loai"] = Type,
            ["linh-vuc"] = Field,
            ["co-quan"] = Agency,
        };
        values[parameter] = value;
        if (page > 1)
        {
            values["trang"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/tim-kiem", values.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
