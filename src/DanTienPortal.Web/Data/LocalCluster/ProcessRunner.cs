using System.Diagnostics;

namespace DanTienPortal.Web.Data.LocalCluster;

/// <summary>Facts about the Unix user this process runs as.</summary>
public static class UnixUser
{
    public static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";
}

public sealed record ProcessResult(int ExitCode, string Output);

/// <summary>Runs a short-lived program to completion, optionally as another Unix user.</summary>
public static class ProcessRunner
{
    /// <summary>Runs the program and throws, with everything it printed, when it fails.</summary>
    public static string Run(
        string fileName,
        IEnumerable<string> arguments,
        string? asUser = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var result = TryRun(fileName, arguments, asUser, environment, timeout);
        return result.ExitCode == 0
            ? result.Output
            : throw new InvalidOperationException($"{fileName} failed with exit code {result.ExitCode}:\n{result.Output}");
    }

    public static ProcessResult TryRun(
        string fileName,
        IEnumerable<string> arguments,
        string? asUser = null,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo
        {
            FileName = asUser is null ? fileName : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asUser is not null)
        {
            // initdb and postgres refuse to run as root; runuser switches user without a password.
            foreach (var argument in new[] { "-u", asUser, "--", fileName })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {timeout ?? TimeSpan.FromMinutes(2)}.");
        }

        // The parameterless wait also waits for the redirected streams to close.
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result + stderr.Result);
    }
}
