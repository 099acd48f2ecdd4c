using DanTienPortal.Web.Data.LocalCluster;

namespace DanTienPortal.Tests.Browser;

/// <summary>
/// Debian's Chromium, the browser the browser tests drive. Playwright's own browser download cannot
/// reach its servers from here, so the tests use the distribution's package, installing it with
/// apt-get when it is missing and the tests run as root (as CI does on a fresh machine).
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>What Playwright passes to Chromium besides its own switches: headless, and quiet on the network.</summary>
    public static readonly IReadOnlyList<string> Arguments =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private const string AptGet = "/usr/bin/apt-get";

    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(20);

    /// <summary>Returns at once when Chromium is there; otherwise installs it, one test process at a time.</summary>
    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        if (!OperatingSystem.IsLinux() || !File.Exists(AptGet))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ExecutablePath}, and this machine has neither it nor apt-get to install it.");
        }

        if (!UnixUser.IsRoot)
        {
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ExecutablePath}. It is not installed, and the tests install it themselves " +
                "only when they run as root. Install it once with: sudo apt-get install -y --no-install-recommends chromium");
        }

        // Another test process (a second test run, another assembly) may be installing it right now:
        // the first to take the lock installs, the others wait and then find the browser there.
        await using var installLock = await TakeInstallLockAsync(cancellationToken);
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };

        // apt-get also waits for dpkg's own lock rather than failing at once if something else holds it.
        string[] waitForDpkg = ["-o", "DPkg::Lock::Timeout=600"];
        await Task.Run(
            () =>
            {
                ProcessRunner.Run(AptGet, [.. waitForDpkg, "update"], environment: environment, timeout: TimeSpan.FromMinutes(10));
                ProcessRunner.Run(AptGet, [.. waitForDpkg, "install", "-y", "--no-install-recommends", "chromium"], environment: environment, timeout: TimeSpan.FromMinutes(20));
            },
            cancellationToken);

        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"apt-get installed chromium, but {ExecutablePath} is still missing.");
        }
    }

    /// <summary>An exclusive lock on a file in /tmp, shared by every process on the machine.</summary>
    private static async Task<FileStream> TakeInstallLockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "dantien-chromium-install.lock");
        var giveUpAt = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                // On Unix, .NET backs FileShare.None with an advisory flock(), which other processes respect.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < giveUpAt)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }
}
