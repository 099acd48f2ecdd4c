namespace DanTienPortal.Tests.Infrastructure;

/// <summary>Temporary folders under /tmp, where the server's own user can reach them.</summary>
public static class TestFolders
{
    public static string Create(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dantien-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>The repository's top folder, found from the test binaries.</summary>
    public static string RepositoryRoot =>
        Web.Hosting.PortalPaths.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("The tests must run from inside the repository.");
}
