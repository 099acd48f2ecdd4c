namespace DanTienPortal.Web.Hosting;

/// <summary>Settings under <c>Portal</c>: where the site keeps its files.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Folder for local state (the local PostgreSQL cluster, mail written to files). Default: <c>.data/</c> at the repository's top.</summary>
    public string DataPath { get; set; } = PortalPaths.Locate().DataRoot;

    /// <summary>Folder of the Markdown content. Default: <c>content/</c> at the repository's top (beside the app when published).</summary>
    public string ContentPath { get; set; } = PortalPaths.Locate().ContentRoot;
}
