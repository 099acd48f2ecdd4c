using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DanTienPortal.Tests.Infrastructure;

/// <summary>
/// The built portal run as its own process, the way the README's run command runs it, so that
/// start-up, the local cluster and shutdown on a signal are tested for real.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PortalProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string WebAssembly
    {
        get
        {
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            return Path.Combine(TestFolders.RepositoryRoot, "src", "DanTienPortal.Web", "bin", configuration, "net10.0", "DanTienPortal.Web.dll");
        }
    }

    /// <summary>Starts the app with the given settings (as environment variables) and extra arguments.</summary>
    public static PortalProcess Start(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(TestFolders.RepositoryRoot, "src", "DanTienPortal.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WebAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment.Remove("ConnectionStrings__Portal");
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        return new PortalProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
    }

    public async Task<HttpStatusCode> WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                var response = await client.GetAsync(new Uri(Address, "/healthz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return response.StatusCode;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The portal did not become healthy within {timeout}:\n{Output}");
    }

    /// <summary>Sends SIGTERM, as a service manager or Ctrl+C would, and waits for the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
