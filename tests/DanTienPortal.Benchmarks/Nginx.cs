using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;

namespace DanTienPortal.Benchmarks;

/// <summary>A page as the portal served it: its address, content type, headers, and the body without and with gzip.</summary>
public sealed record SavedPage(string PathAndQuery, string ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, byte[] Gzip)
{
    // Headers that each server writes itself; every other header of the portal's answer is repeated by the others.
    private static readonly HashSet<string> OwnHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "Server", "Content-Length", "Content-Type", "Content-Encoding", "Transfer-Encoding", "Connection", "Keep-Alive", "Age", "Vary",
    };

    /// <summary>The path without the query: the reference servers serve the saved page whatever the query says.</summary>
    [JsonIgnore]
    public string Path => PathAndQuery.Split('?')[0];

    /// <summary>The portal's headers that a reference server must repeat (the security headers).</summary>
    [JsonIgnore]
    public IEnumerable<KeyValuePair<string, string>> RepeatedHeaders => Headers.Where(h => !OwnHeaders.Contains(h.Key));
}

/// <summary>
/// nginx run as its own master process on a loopback port, with its configuration, pid file,
/// logs and files in a folder of the benchmark: no system service, nothing outside that folder.
/// It serves the saved pages as static files, the gzip variant from a <c>.gz</c> file beside each
/// (<c>gzip_static</c>), so that it sends exactly the bytes the portal sent.
/// </summary>
public static class Nginx
{
    public const string Binary = "/usr/sbin/nginx";

    /// <summary>
    /// Writes the pages and the configuration under <paramref name="folder"/> and starts nginx on
    /// <paramref name="port"/>. Its process is the master; the workers are its children.
    /// </summary>
    public static ServerProcess Start(string folder, int port, IReadOnlyList<SavedPage> pages, bool accessLog)
    {
        var www = Directory.CreateDirectory(System.IO.Path.Combine(folder, "www")).FullName;
        var locations = new StringBuilder();
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            File.WriteAllBytes(System.IO.Path.Combine(www, $"page-{i}"), page.Body);
            File.WriteAllBytes(System.IO.Path.Combine(www, $"page-{i}.gz"), page.Gzip);
            var type = MediaTypeHeaderValue.Parse(page.ContentType);
            locations.Append(CultureInfo.InvariantCulture, $"        location = {page.Path} {{\n            default_type {type.MediaType};\n");
            if (type.CharSet is { } charset)
            {
                locations.Append(CultureInfo.InvariantCulture, $"            charset {charset};\n");
            }

            foreach (var (name, value) in page.RepeatedHeaders)
            {
                locations.Append(CultureInfo.InvariantCulture, $"            add_header {name} \"{value.Replace("\"", "\\\"", StringComparison.Ordinal)}\" always;\n");
            }

            locations.Append(CultureInfo.InvariantCulture, $"            try_files /page-{i} =404;\n        }}\n");
        }

        var config = System.IO.Path.Combine(folder, "nginx.conf");
        File.WriteAllText(config, $$"""
            daemon off;
            worker_processes auto;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 4096; }
            http {
                types { }
                access_log {{(accessLog ? $"{folder}/access.log combined buffer=64k flush=1s" : "off")}};
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                server_tokens off;
                sendfile on;
                tcp_nopush on;
                open_file_cache max=64;
                # Kestrel keeps a connection for any number of requests; so does nginx here.
                keepalive_requests 1000000;
                gzip_static on;
                gzip_vary on;
                server {
                    listen 127.0.0.1:{{port}};
                    root {{www}};
            {{locations}}
                }
            }
            """);

        var check = Shell.Run(Binary, $"-t -p {folder} -e {folder}/error.log -c {config}");
        if (!check.Contains("test is successful", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"nginx refused the configuration:\n{check}");
        }

        return ServerProcess.Start(new ProcessStartInfo(Binary, ["-p", folder, "-e", $"{folder}/error.log", "-c", config]), port, "nginx");
    }
}
