using AngleSharp.Dom;

namespace DanTienPortal.Tests.Infrastructure;

/// <summary>Structural accessibility checks that every public page must pass.</summary>
public static class PageChecks
{
    public static void AssertAccessibleStructure(IDocument page, string path)
    {
        Assert.True(page.DocumentElement.GetAttribute("lang") == "vi", $"{path}: lang must be vi");
        Assert.True(page.QuerySelectorAll("h1").Length == 1, $"{path}: exactly one h1");
        Assert.False(string.IsNullOrWhiteSpace(page.Title), $"{path}: a title");
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("meta[name=description]")?.GetAttribute("content")), $"{path}: a description");
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("meta[property='og:title']")?.GetAttribute("content")), $"{path}: og:title");
        Assert.NotNull(page.QuerySelector("meta[property='og:description']"));

        // Headings never skip a level going down (h2 → h4).
        var previous = 1;
        foreach (var heading in page.QuerySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6"))
        {
            var level = heading.TagName[1] - '0';
            Assert.True(level <= previous + 1, $"{path}: heading '{heading.TextContent.Trim()}' jumps from h{previous} to h{level}");
            Assert.False(string.IsNullOrWhiteSpace(heading.TextContent), $"{path}: empty heading");
            previous = level;
        }

        foreach (var link in page.QuerySelectorAll("a"))
        {
            Assert.False(string.IsNullOrWhiteSpace(link.TextContent) && string.IsNullOrWhiteSpace(link.GetAttribute("aria-label")),
                $"{path}: a link without text ({link.OuterHtml})");
            Assert.False(string.IsNullOrWhiteSpace(link.GetAttribute("href")), $"{path}: a link without href");
        }

        foreach (var control in page.QuerySelectorAll("input:not([type=hidden]), select, textarea"))
        {
            var labelled = control.Id is { Length: > 0 } id && page.QuerySelector($"label[for='{id}']") is not null;
            Assert.True(labelled || control.HasAttribute("aria-label"), $"{path}: form control without a label ({control.OuterHtml})");
        }

        var ids = page.QuerySelectorAll("[id]").Select(e => e.Id!).ToList();
        var duplicates = ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"{path}: duplicate ids {string.Join(", ", duplicates)}");

        foreach (var anchor in page.QuerySelectorAll("a[href^='#']"))
        {
            var target = anchor.GetAttribute("href")![1..];
            Assert.True(page.GetElementById(target) is not null, $"{path}: in-page link to missing #{target}");
        }
    }
}
