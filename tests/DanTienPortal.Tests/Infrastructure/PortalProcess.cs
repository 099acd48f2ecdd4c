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
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly string[] _arguments;

    private PortalProcess(Process process, Uri address, IReadOnlyDictionary<string, string> settings, string[] arguments)
    {
        _process = process;
        Address = address;
        _settings = settings;
        _arguments = arguments;
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
    public static PortalProcess Start(IReadOnlyDictionary<string, string> settings, params string[] arguments) =>
        Start(FreePort(), settings, arguments);

    /// <summary>
    /// Starts the app again with the same settings and arguments on the same address, as a service
    /// manager restarts a service that died; this process must have exited.
    /// </summary>
    public PortalProcess StartAgain()
    {
        if (!_process.HasExited)
        {
            throw new InvalidOperationException("The portal is still running; stop or kill it first.");
        }

        return Start(Address.Port, _settings, _arguments);
    }

    private static PortalProcess Start(int port, IReadOnlyDictionary<string, string> settings, string[] arguments)
    {
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

        return new PortalProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"), settings, arguments);
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
            catch (TaskCanceledException)
            {
                // Listening, but still starting on a busy machine: this probe timed out, the next may not.
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

    /// <summary>
    /// Sends SIGKILL, as the kernel's OOM killer or a power cut would end it: no shutdown code runs,
    /// open requests and transactions are cut where they stand. Returns once the process is gone.
    /// </summary>
    public async Task KillAsync()
    {
        using (var kill = Process.Start("kill", ["-KILL", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync();
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
