using System.Diagnostics;

namespace DanTienPortal.Benchmarks;

/// <summary>Runs the machine's tools: wrk, nginx, pgbench.</summary>
public static class Shell
{
    /// <summary>Runs a program to its end and returns what it printed on both streams.</summary>
    public static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + error.Result;
        process.WaitForExit();
        return output;
    }

    /// <summary>Installs a Debian package when <paramref name="path"/> is missing (the benchmarks run as root, like CI).</summary>
    public static void EnsureInstalled(string path, string package)
    {
        if (!File.Exists(path))
        {
            Run("apt-get", $"install -y -qq {package}");
        }

        if (!File.Exists(path))
        {
            Run("apt-get", "update -qq");
            Run("apt-get", $"install -y -qq {package}");
        }
    }
}
