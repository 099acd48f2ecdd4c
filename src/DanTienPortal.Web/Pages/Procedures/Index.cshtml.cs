using DanTienPortal.Web.Content;
using DanTienPortal.Web.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace DanTienPortal.Web.Pages.Procedures;

/// <summary>The catalogue, filtered by field, agency and online level through the query string.</summary>
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class IndexModel(ContentStore content) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "linh-vuc")]
    public string? Field { get; set; }

    [BindProperty(SupportsGet = true, Name = "co-quan")]
    public string? Agency { get; set; }

    [BindProperty(SupportsGet = true, Name = "truc-tuyen")]
    public string? Online { get; set; }

    public ContentSnapshot Site { get; private set; } = null!;

    public IReadOnlyList<IGrouping<string, Procedure>> Groups { get; private set; } = [];

    public int Count { get; private set; }

    public bool IsFiltered => !string.IsNullOrEmpty(Field) || !string.IsNullOrEmpty(Agency) || !string.IsNullOrEmpty(Online);

    public void OnGet()
    {
        Site = content.Current;
        var matches = Site.Procedures
            .Where(p => string.IsNullOrEmpty(Field) || p.FieldKey == Field)
            .Where(p => string.IsNullOrEmpty(Agency) || p.AgencySlug == Agency)
            .Where(p => string.IsNullOrEmpty(Online) || Display.OnlineKey(p.Online) == Online)
            .ToList();
        Count = matches.Count;
        Groups = matches.GroupBy(p => p.FieldKey).ToList();
    }
}
