using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;

namespace DanTienPortal.Web.Web;

/// <summary>
/// Keys every output-cached answer by the encoding response compression will choose for the
/// request (br, gzip or none). The output cache sits outside compression so that it keeps the
/// compressed bytes and a cached page costs no compression; each encoding is then an entry of its
/// own, and a client that sent no <c>Accept-Encoding</c> is never served gzip. Keying by the
/// choice rather than by the raw header keeps one entry per encoding, whatever browsers send.
/// </summary>
/// <remarks>A base policy: it sets the key only, so it caches nothing that no endpoint asks to cache.</remarks>
internal sealed class CompressionVariantPolicy(IResponseCompressionProvider compression) : IOutputCachePolicy
{
    private const string Key = "encoding";

    /// <summary>Browsers send a handful of different headers: beyond this many, the choice is made afresh each time.</summary>
    private const int RememberedHeaders = 64;

    // The choice for each Accept-Encoding header seen: it depends on that header alone, and
    // parsing it and weighing the providers at every request costs a cached page a fair share.
    private readonly ConcurrentDictionary<string, string> _choices = new(StringComparer.Ordinal);

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext;
        var header = request.Request.Headers.AcceptEncoding;
        string encoding;
        if (header.Count == 0)
        {
            encoding = "";
        }
        else if (header.Count > 1 || !_choices.TryGetValue(header[0]!, out encoding!))
        {
            encoding = Choose(request);
            if (header.Count == 1 && _choices.Count < RememberedHeaders)
            {
                _choices.TryAdd(header[0]!, encoding);
            }
        }

        context.CacheVaryByRules.VaryByValues[Key] = encoding;
        return ValueTask.CompletedTask;
    }

    private string Choose(HttpContext request) =>
        compression.CheckRequestAcceptsCompression(request) ? compression.GetCompressionProvider(request)?.EncodingName ?? "" : "";

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
