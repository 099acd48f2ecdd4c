using System.Diagnostics;
using System.Net.Sockets;

namespace DanTienPortal.Benchmarks;

/// <summary>A reference server run as a process of the benchmark on a loopback port, killed with its children when disposed.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The server's main process; the CPU of its children is counted with it.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts the process and returns once <paramref name="port"/> accepts connections.</summary>
    public static ServerProcess Start(ProcessStartInfo start, int port, string name)
    {
        var server = new ServerProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        for (var i = 0; i < 100; i++)
        {
            if (server._process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with code {server._process.ExitCode}.");
            }

            try
            {
                using var socket = new TcpClient();
                socket.Connect("127.0.0.1", port);
                return server;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        server.Dispose();
        throw new TimeoutException($"{name} did not listen within ten seconds.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
