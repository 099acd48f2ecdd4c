using System.Diagnostics;

namespace DanTienPortal.Web.Data.LocalCluster;

/// <summary>
/// Finds the machine's PostgreSQL server programs (initdb, pg_ctl), installing Debian's
/// package with apt-get when they are missing and we are allowed to.
/// </summary>
public sealed class PostgresBinaries
{
    private PostgresBinaries(string directory) => Directory = directory;

    public string Directory { get; }

    public string InitDb => Path.Combine(Directory, "initdb");

    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    public static PostgresBinaries Locate(string? configuredDirectory = null)
    {
        if (!string.IsNullOrWhiteSpace(configuredDirectory))
        {
            return File.Exists(Path.Combine(configuredDirectory, "initdb"))
                ? new PostgresBinaries(configuredDirectory)
                : throw new InvalidOperationException($"No initdb in the configured PostgreSQL folder '{configuredDirectory}'.");
        }

        return Find() ?? InstallWithAptGet();
    }

    private static PostgresBinaries? Find()
    {
        // Debian keeps each major version under /usr/lib/postgresql/N/bin; prefer the newest.
        const string debianRoot = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(debianRoot))
        {
            var newest = System.IO.Directory.GetDirectories(debianRoot)
                .Select(dir => (dir, version: int.TryParse(Path.GetFileName(dir), out var v) ? v : -1))
                .Where(x => x.version > 0 && File.Exists(Path.Combine(x.dir, "bin", "initdb")))
                .OrderByDescending(x => x.version)
                .Select(x => Path.Combine(x.dir, "bin"))
                .FirstOrDefault();
            if (newest is not null)
            {
                return new PostgresBinaries(newest);
            }
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
        return onPath is null ? null : new PostgresBinaries(onPath);
    }

    private static PostgresBinaries InstallWithAptGet()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/apt-get") || !UnixUser.IsRoot)
        {
            throw new InvalidOperationException(
                "PostgreSQL's server programs (initdb, pg_ctl) were not found. Install them " +
                "(on Debian: 'sudo apt-get install postgresql') or set ConnectionStrings__Portal to an existing database.");
        }

        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        ProcessRunner.Run("apt-get", ["update"], environment: environment, timeout: TimeSpan.FromMinutes(10));
        ProcessRunner.Run("apt-get", ["install", "-y", "--no-install-recommends", "postgresql"],
            environment: environment, timeout: TimeSpan.FromMinutes(15));
        return Find() ?? throw new InvalidOperationException("apt-get installed postgresql, but initdb is still not found.");
    }
}
