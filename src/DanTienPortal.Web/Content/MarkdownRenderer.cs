using Ganss.Xss;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DanTienPortal.Web.Content;

/// <summary>
/// The one Markdown pipeline of the site, for content files and staff-written news alike:
/// raw HTML is not rendered, headings get Vietnamese-safe ids, and the HTML is sanitised
/// once more so that no link or attribute can carry script.
/// </summary>
public sealed class MarkdownRenderer
{
    /// <summary>The heading whose list the procedure page shows as a checklist of documents.</summary>
    public const string DocumentsHeadingId = "thanh-phan-ho-so";

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseFootnotes()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseAutoLinks()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public RenderedMarkdown Render(string markdown)
    {
        var document = Markdown.Parse(markdown, _pipeline);
        var headings = AssignHeadingIds(document);
        MarkChecklist(document);
        var links = document.Descendants<LinkInline>()
            .Where(link => !link.IsImage && link.Url is { } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
            .Select(link => new InternalLink(link.Url!, link.Line + 1))
            .ToList();

        var html = _sanitizer.Sanitize(document.ToHtml(_pipeline));
        return new RenderedMarkdown(html, headings, links, PlainText(markdown), Sections(markdown, document));
    }

    /// <summary>Plain text of inline Markdown, for titles and summaries.</summary>
    public string PlainText(string markdown) => Markdown.ToPlainText(markdown, _pipeline).Trim();

    /// <summary>The text under each second- and third-level heading (and before the first one).</summary>
    private List<Section> Sections(string markdown, MarkdownDocument document)
    {
        var sections = new List<Section>();
        var source = new System.Text.StringBuilder();
        HeadingBlock? current = null;

        void Flush()
        {
            var text = PlainText(source.ToString());
            if (current is not null || text.Length > 0)
            {
                sections.Add(new Section(current?.GetAttributes().Id, current is null ? null : InlineText(current.Inline), text));
            }

            source.Clear();
        }

        foreach (var block in document)
        {
            if (block is HeadingBlock { Level: 2 or 3 } heading)
            {
                Flush();
                current = heading;
                continue;
            }

            source.Append(markdown, block.Span.Start, Math.Min(block.Span.Length, markdown.Length - block.Span.Start)).Append("\n\n");
        }

        Flush();
        return sections;
    }

    private static List<Heading> AssignHeadingIds(MarkdownDocument document)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var headings = new List<Heading>();
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var text = InlineText(heading.Inline);
            var id = Slug.From(text);
            if (id.Length == 0)
            {
                id = "muc";
            }

            var unique = id;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{id}-{n}";
            }

            heading.GetAttributes().Id = unique;
            headings.Add(new Heading(heading.Level, text, unique));
        }

        return headings;
    }

    private static void MarkChecklist(MarkdownDocument document)
    {
        var inDocuments = false;
        foreach (var block in document)
        {
            // The section runs to the next heading of its level; its sub-headings (cases) stay inside it.
            if (block is HeadingBlock { Level: <= 2 } heading)
            {
                inDocuments = heading.GetAttributes().Id == DocumentsHeadingId;
            }
            else if (inDocuments && block is ListBlock { IsOrdered: false } list)
            {
                list.GetAttributes().AddClass("checklist");
            }
        }
    }

    private static string InlineText(ContainerInline? inline)
    {
        if (inline is null)
        {
            return "";
        }

        var text = new System.Text.StringBuilder();
        foreach (var child in inline.Descendants())
        {
            switch (child)
            {
                case LiteralInline literal:
                    text.Append(literal.Content);
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
            }
        }

        return text.ToString().Trim();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "tel" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        // Inline styles would be blocked by the Content-Security-Policy anyway; keep the markup clean.
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedTags.Remove("style");
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedAttributes.Add("role");
        sanitizer.AllowDataAttributes = false;
        return sanitizer;
    }
}
