namespace DanTienPortal.Web.Web;

/// <summary>Settings under <c>Site</c>: the commune's name and contact details shown in every page's footer.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    public string Name { get; set; } = "Ủy ban nhân dân xã Dân Tiến";

    public string Address { get; set; } = "xã Dân Tiến, tỉnh Thái Nguyên";

    /// <summary>Shown only when set: the portal does not guess a phone number.</summary>
    public string? Phone { get; set; }

    /// <summary>Shown only when set.</summary>
    public string? Email { get; set; }
}
