using AngleSharp;
using AngleSharp.Dom;

namespace DanTienPortal.Tests.Infrastructure;

public static class Html
{
    private static readonly IBrowsingContext Context = BrowsingContext.New(Configuration.Default);

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return await Context.OpenAsync(request => request.Content(html).Address(response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/"));
    }

    public static async Task<IDocument> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return await ParseAsync(response);
    }
}
