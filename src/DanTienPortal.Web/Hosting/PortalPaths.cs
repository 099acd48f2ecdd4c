namespace DanTienPortal.Web.Hosting;

/// <summary>
/// The folders the portal reads and writes by default: beside the solution when run from the
/// repository, beside the app when published.
/// </summary>
public sealed record PortalPaths(string WebRoot, string ContentRoot, string DataRoot)
{
    public const string SolutionFile = "DanTienPortal.sln";

    public static PortalPaths Locate()
    {
        var repository = FindRepositoryRoot(AppContext.BaseDirectory) ?? FindRepositoryRoot(Directory.GetCurrentDirectory());
        if (repository is not null)
        {
            return new PortalPaths(
                Path.Combine(repository, "wwwroot-assets"),
                Path.Combine(repository, "content"),
                Path.Combine(repository, ".data"));
        }

        var app = AppContext.BaseDirectory;
        return new PortalPaths(Path.Combine(app, "wwwroot"), Path.Combine(app, "content"), Path.Combine(app, ".data"));
    }

    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
