using System.Diagnostics;

namespace DanTienPortal.Benchmarks;

/// <summary>
/// The portal's Release build run as its own process on a loopback port, as production runs it,
/// so that a load generator measures the whole server and not a test host.
/// </summary>
public sealed class PortalApp : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private PortalApp(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts the app against <paramref name="connectionString"/>; <paramref name="settings"/> are extra environment variables.</summary>
    public static PortalApp Start(string repo, string connectionString, int port, Dictionary<string, string>? settings = null)
    {
        var start = StartInfo(repo, connectionString, []);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in settings ?? [])
        {
            start.Environment[key] = value;
        }

        return new PortalApp(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Runs one of the app's commands (<c>migrate</c>, <c>create-admin …</c>) to its end and returns what it printed.</summary>
    public static string RunCommand(string repo, string connectionString, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(repo, connectionString, arguments))!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + error.Result;
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"'{string.Join(' ', arguments)}' failed: {output}");
    }

    private static ProcessStartInfo StartInfo(string repo, string connectionString, string[] arguments)
    {
        var dll = Path.Combine(repo, "src", "DanTienPortal.Web", "bin", "Release", "net10.0", "DanTienPortal.Web.dll");
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments]) { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Portal"] = connectionString;
        start.Environment["Database__MigrateOnStart"] = "true";
        start.Environment["Portal__ContentPath"] = Path.Combine(repo, "content");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__DanTienPortal.Web.Web.RequestLogMiddleware"] = "Warning";
        return start;
    }

    /// <summary>Waits up to a minute for <c>/healthz</c> to answer 200.</summary>
    public void WaitUntilHealthy()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 120; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with code {_process.ExitCode}:\n{LastLines()}");
            }

            try
            {
                if (client.GetAsync(new Uri(Address, "/healthz")).Result.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (AggregateException)
            {
                // Not listening yet.
            }

            Thread.Sleep(500);
        }

        throw new TimeoutException($"The portal did not become healthy within a minute:\n{LastLines()}");
    }

    /// <summary>Resident memory of the app process, in MiB.</summary>
    public double WorkingSetMiB()
    {
        _process.Refresh();
        return _process.WorkingSet64 / 1024.0 / 1024.0;
    }

    public void Stop()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
    }

    // The last lines the app printed, for the error when it does not start; the rest is not kept.
    private void Keep(string? line)
    {
        lock (_lastLines)
        {
            _lastLines.Enqueue(line ?? "");
            if (_lastLines.Count > 20)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private string LastLines()
    {
        lock (_lastLines)
        {
            return string.Join('\n', _lastLines);
        }
    }
}
