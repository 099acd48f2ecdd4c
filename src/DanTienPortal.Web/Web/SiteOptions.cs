namespace DanTienPortal.Web.Web;

/// <summary>Settings under <c>Site</c>: the commune's name and contact details shown in every page's footer.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    public string Name { get; set; } = "Ủy ban nhân dân xã Dân Tiến";

    /// <summary>
    /// The site's public address (https://…), used for canonical links, the sitemap and shared
    /// links. Unset: taken from each request, which is fine only behind a proxy that fixes the Host.
    /// </summary>
    public Uri? PublicUrl { get; set; }

    public string Address { get; set; } = "xã Dân Tiến, tỉnh Thái Nguyên";

    /// <summary>Shown only when set: the portal does not guess a phone number.</summary>
    public string? Phone { get; set; }

    /// <summary>Shown only when set.</summary>
    public string? Email { get; set; }

    /// <summary>The absolute address of a path on this site.</summary>
    public string Absolute(HttpRequest request, string path) =>
        PublicUrl is { } root
            ? new Uri(root, path).ToString()
            : $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
}
