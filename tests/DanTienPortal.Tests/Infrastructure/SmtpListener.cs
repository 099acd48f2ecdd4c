using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace DanTienPortal.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on 127.0.0.1 that keeps what it receives; it can be stopped, to play a mail
/// server that is down, and started again on the same port.
/// </summary>
public sealed class SmtpListener : IAsyncDisposable
{
    /// <summary>The sender address apps pointed at this server use.</summary>
    public const string Sender = "ubnd@dantien.test";

    private readonly List<MimeMessage> _messages = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private SmtpServer.SmtpServer? _server;

    private SmtpListener(int port) => Port = port;

    public int Port { get; }

    /// <summary>What has arrived so far, in order.</summary>
    public IReadOnlyList<MimeMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public static async Task<SmtpListener> StartAsync()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var listener = new SmtpListener(port);
        await listener.StartAgainAsync();
        return listener;
    }

    /// <summary>The settings that point an app at this server, with a short poll so tests need not wait.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Smtp:Security"] = "None",
        ["Mail:From"] = Sender,
        ["Mail:PollSeconds"] = "1",
    };

    /// <summary>Points an app in the test server at this server (see <see cref="Settings"/>).</summary>
    public void Configure(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived and returns them all.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Messages.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                throw new TimeoutException($"{Messages.Count} of {count} messages arrived within {timeout}.");
            }
        }

        return Messages;
    }

    /// <summary>Stops listening: connections are refused until <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            server.Shutdown();
            await server.ShutdownTask;
        }
    }

    public async Task StartAgainAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _ = _server.StartAsync(CancellationToken.None);
        await WaitUntilListeningAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _arrived.Dispose();
    }

    private async Task WaitUntilListeningAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (attempt < 100)
            {
                await Task.Delay(20);
            }
        }
    }

    private void Add(MimeMessage message)
    {
        lock (_messages)
        {
            _messages.Add(message);
        }

        _arrived.Release();
    }

    private sealed class Store(SmtpListener listener) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            listener.Add(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
