using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace DanTienPortal.Tests.Accessibility;

/// <summary>axe-core run inside a page, limited to the WCAG 2.2 A and AA rules.</summary>
public static class Axe
{
    /// <summary>The rule sets checked: WCAG 2.0, 2.1 and 2.2, levels A and AA.</summary>
    public static readonly IReadOnlyList<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>Runs axe-core on the page as it stands and fails with every violation, readably.</summary>
    public static async Task AssertNoViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] },
        });

        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"axe-core on {page.Url}: {result.Passes.Length} rules passed, "
            + $"{result.Incomplete.Length} to review by hand, {result.Violations.Length} violated.");
        foreach (var review in result.Incomplete)
        {
            output?.WriteLine($"  to review: {review.Id} ({review.Nodes.Length} elements): {review.Help}");
            foreach (var node in review.Nodes)
            {
                output?.WriteLine($"    {node.Target}: {string.Join(" ", (node.Any ?? []).Select(c => c.Message))}");
            }
        }

        Assert.True(result.Violations.Length == 0, Describe(page.Url, result.Violations));
    }

    /// <summary>One paragraph per rule: id, impact, help, link, then each offending element's selector and why.</summary>
    public static string Describe(string url, IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        var list = violations.ToList();
        text.Append(CultureInfo.InvariantCulture, $"{list.Count} WCAG A/AA rule(s) violated on {url}:");
        foreach (var rule in list)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n\n[{rule.Impact}] {rule.Id}: {rule.Help}\n  {rule.HelpUrl}");
            foreach (var node in rule.Nodes)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n  - {node.Target}\n    {node.Html}");
                // axe's own failure summary: every "any" check failed (fix one), every "all" and "none" check that did.
                foreach (var check in (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []))
                {
                    text.Append(CultureInfo.InvariantCulture, $"\n    · {check.Message}");
                }
            }
        }

        return text.ToString();
    }
}
