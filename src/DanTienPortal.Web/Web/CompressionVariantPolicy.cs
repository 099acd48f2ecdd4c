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

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext;
        context.CacheVaryByRules.VaryByValues[Key] = compression.CheckRequestAcceptsCompression(request)
            ? compression.GetCompressionProvider(request)?.EncodingName ?? ""
            : "";
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
