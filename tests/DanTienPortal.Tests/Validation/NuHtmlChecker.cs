using System.Diagnostics;
using System.Text.Json;
using DanTienPortal.Web.Data.LocalCluster;

namespace DanTienPortal.Tests.Validation;

/// <summary>One error the checker reported: the file (its name only), where in it, and what.</summary>
public sealed record HtmlError(string File, int Line, int Column, string Message, string Extract)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}\n    {Extract.ReplaceLineEndings(" ")}";
}

/// <summary>
/// The Nu Html Checker (<c>vnu.jar</c>, from npm's <c>vnu-jar</c> package) on the machine's Java.
/// Like <see cref="Browser.Chromium"/>, it installs what is missing when the tests run as root on a
/// fresh Debian machine: Java and npm with apt-get, the checker with npm into a cache folder in /tmp,
/// one test process at a time.
/// </summary>
public static class NuHtmlChecker
{
    /// <summary>The pinned checker: a new release can add errors, so moving on is a deliberate change.</summary>
    public const string Version = "26.9.27";

    private const string Java = "/usr/bin/java";
    private const string Npm = "/usr/bin/npm";
    private const string AptGet = "/usr/bin/apt-get";

    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(20);

    /// <summary>Where <c>npm install --prefix</c> puts the pinned package, shared by every test run on the machine.</summary>
    public static string InstallFolder => Path.Combine(Path.GetTempPath(), $"dantien-vnu-jar-{Version}");

    public static string JarPath => JarIn(InstallFolder);

    /// <summary>Returns at once when Java and the checker are there; otherwise installs them.</summary>
    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Java) && File.Exists(JarPath))
        {
            return;
        }

        await using var installLock = await TakeInstallLockAsync(cancellationToken);
        await Task.Run(
            () =>
            {
                InstallDebianPackageFor(Java, "default-jre-headless");
                if (!File.Exists(JarPath))
                {
                    InstallDebianPackageFor(Npm, "npm");
                    InstallChecker();
                }
            },
            cancellationToken);
    }

    /// <summary>Checks every file in one run of the checker (one JVM start) and returns its errors.</summary>
    public static async Task<IReadOnlyList<HtmlError>> CheckAsync(IReadOnlyCollection<string> files, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Java)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-jar", JarPath, "--format", "json", "--errors-only", "--stdout", .. files])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start java.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var json = await stdout;
        // Exit code 1 means "errors found"; anything else, or no JSON, means the checker itself failed.
        if (process.ExitCode is not (0 or 1) || !json.TrimStart().StartsWith('{'))
        {
            throw new InvalidOperationException($"vnu.jar failed with exit code {process.ExitCode}:\n{json}\n{await stderr}");
        }

        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("type").GetString() is "error" or "non-document-error")
            .Select(m => new HtmlError(
                Path.GetFileName(Text(m, "url")),
                Number(m, "lastLine"),
                Number(m, "firstColumn") is > 0 and var first ? first : Number(m, "lastColumn"),
                Text(m, "message"),
                Text(m, "extract")))];
    }

    private static string Text(JsonElement message, string name) =>
        message.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

    private static int Number(JsonElement message, string name) =>
        message.TryGetProperty(name, out var value) ? value.GetInt32() : 0;

    private static string JarIn(string prefix) => Path.Combine(prefix, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    /// <summary>
    /// <c>npm install</c> into a folder of its own, moved into place only when complete, so an
    /// interrupted install never looks finished. The package's postinstall script (which downloads a
    /// Java runtime from the internet) is skipped: the machine's Java runs the jar.
    /// </summary>
    private static void InstallChecker()
    {
        var partial = $"{InstallFolder}.partial-{Guid.NewGuid():N}";
        Directory.CreateDirectory(partial);
        try
        {
            ProcessRunner.Run(
                Npm,
                ["install", "--prefix", partial, "--ignore-scripts", "--no-audit", "--no-fund", "--no-save", $"vnu-jar@{Version}"],
                timeout: TimeSpan.FromMinutes(10));
            if (!File.Exists(JarIn(partial)))
            {
                throw new InvalidOperationException($"npm installed vnu-jar@{Version}, but {JarIn(partial)} is missing.");
            }

            if (Directory.Exists(InstallFolder))
            {
                Directory.Delete(InstallFolder, recursive: true);
            }

            Directory.Move(partial, InstallFolder);
        }
        finally
        {
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }
        }
    }

    private static void InstallDebianPackageFor(string executable, string package)
    {
        if (File.Exists(executable))
        {
            return;
        }

        if (!OperatingSystem.IsLinux() || !File.Exists(AptGet))
        {
            throw new InvalidOperationException(
                $"The HTML validity tests need {executable}, and this machine has neither it nor apt-get to install it.");
        }

        if (!UnixUser.IsRoot)
        {
            throw new InvalidOperationException(
                $"The HTML validity tests need {executable}. It is not installed, and the tests install it themselves " +
                $"only when they run as root. Install it once with: sudo apt-get install -y --no-install-recommends {package}");
        }

        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        string[] waitForDpkg = ["-o", "DPkg::Lock::Timeout=600"];
        ProcessRunner.Run(AptGet, [.. waitForDpkg, "update"], environment: environment, timeout: TimeSpan.FromMinutes(10));
        ProcessRunner.Run(AptGet, [.. waitForDpkg, "install", "-y", "--no-install-recommends", package], environment: environment, timeout: TimeSpan.FromMinutes(20));
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"apt-get installed {package}, but {executable} is still missing.");
        }
    }

    /// <summary>An exclusive lock on a file in /tmp, shared by every process on the machine (see <see cref="Browser.Chromium"/>).</summary>
    private static async Task<FileStream> TakeInstallLockAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "dantien-vnu-install.lock");
        var giveUpAt = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < giveUpAt)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }
}
