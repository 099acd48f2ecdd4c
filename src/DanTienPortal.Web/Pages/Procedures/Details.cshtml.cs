using System.Text.Json;
using DanTienPortal.Web.Content;
using DanTienPortal.Web.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace DanTienPortal.Web.Pages.Procedures;

[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class DetailsModel(ContentStore content, IOptions<SiteOptions> site) : PageModel
{
    public Procedure Procedure { get; private set; } = null!;

    public ContentSnapshot Site { get; private set; } = null!;

    public Agency Agency { get; private set; } = null!;

    public IActionResult OnGet(string slug)
    {
        Site = content.Current;
        if (!Site.ProceduresBySlug.TryGetValue(slug, out var procedure))
        {
            return NotFound();
        }

        Procedure = procedure;
        Agency = Site.AgenciesBySlug[procedure.AgencySlug];
        return Page();
    }

    /// <summary>schema.org GovernmentService, so that search engines show the procedure's facts.</summary>
    public string StructuredData()
    {
        var url = site.Value.Absolute(Request, Procedure.Url);
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "GovernmentService",
            ["name"] = Procedure.Title,
            ["url"] = url,
            ["serviceType"] = Site.FieldName(Procedure.FieldKey),
            ["dateModified"] = Procedure.LastReviewed.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["areaServed"] = new { @type = "AdministrativeArea", name = "Xã Dân Tiến, tỉnh Thái Nguyên" },
            ["provider"] = new { @type = "GovernmentOrganization", name = Agency.Kind == AgencyKind.External ? Agency.Name : "Ủy ban nhân dân xã Dân Tiến" },
            ["availableChannel"] = new
            {
                @type = "ServiceChannel",
                name = Procedure.SubmitAt,
                serviceUrl = Procedure.PortalUrl?.ToString() ?? url,
            },
        };
        if (Procedure.Code is not null && Procedure.IsConfirmed("code"))
        {
            data["identifier"] = Procedure.Code;
        }

        // The default encoder escapes <, > and &, so the JSON cannot close its script element.
        return JsonSerializer.Serialize(data).Replace("\"type\":", "\"@type\":", StringComparison.Ordinal);
    }
}
