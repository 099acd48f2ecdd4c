using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace DanTienPortal.Web.Search;

/// <summary>
/// The passage of a text that holds the most of the query's words, with those words marked.
/// Words are compared folded, so "giay" marks "Giấy"; folding keeps every character in place,
/// so the marks land on the original accented text. Text is HTML-encoded; only marks are markup.
/// </summary>
public static class Snippet
{
    private const int MaxScanned = 6_000;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Build(string text, IReadOnlySet<string> foldedTerms, int length = 160)
    {
        // The best passage of a long page is nearly always in its first few thousand characters.
        var fullLength = text.Length;
        if (text.Length > MaxScanned)
        {
            text = text[..MaxScanned];
        }

        var folded = VietnameseText.Fold(text).ToLowerInvariant();
        var terms = foldedTerms is HashSet<string> set && set.Comparer == StringComparer.Ordinal
            ? set
            : new HashSet<string>(foldedTerms, StringComparer.Ordinal);
        var lookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        var matches = new List<(int Start, int End, string Term)>();
        for (var i = 0; i < folded.Length && matches.Count < 400;)
        {
            if (!char.IsLetterOrDigit(folded[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < folded.Length && char.IsLetterOrDigit(folded[i]))
            {
                i++;
            }

            if (lookup.TryGetValue(folded.AsSpan(start, i - start), out var term))
            {
                matches.Add((start, i, term));
            }
        }

        var (from, to) = BestWindow(text, matches, length);
        var html = new StringBuilder(length + 64);
        if (from > 0)
        {
            html.Append("… ");
        }

        var position = from;
        foreach (var match in matches.Where(m => m.Start >= from && m.End <= to))
        {
            html.Append(Encoder.Encode(text[position..match.Start])).Append("<mark>").Append(Encoder.Encode(text[match.Start..match.End])).Append("</mark>");
            position = match.End;
        }

        html.Append(Encoder.Encode(text[position..to]));
        if (to < fullLength)
        {
            html.Append(" …");
        }

        return html.ToString();
    }

    /// <summary>The window of about <paramref name="length"/> characters with the most distinct terms, cut at spaces.</summary>
    private static (int From, int To) BestWindow(string text, List<(int Start, int End, string Term)> matches, int length)
    {
        var bestStart = 0;
        var bestScore = -1;
        for (var i = 0; i < matches.Count; i++)
        {
            var terms = new HashSet<string>(StringComparer.Ordinal);
            var count = 0;
            for (var j = i; j < matches.Count && matches[j].End - matches[i].Start <= length; j++)
            {
                terms.Add(matches[j].Term);
                count++;
            }

            // Distinct words count most; more hits of them break ties.
            var score = (terms.Count * 100) + count;
            if (score > bestScore)
            {
                bestScore = score;
                bestStart = matches[i].Start;
            }
        }

        // Start a little before the first match, at a word boundary, so it reads in context.
        var from = Math.Max(0, bestStart - (length / 5));
        if (from > 0)
        {
            var space = text.IndexOf(' ', from);
            from = space >= 0 && space < bestStart ? space + 1 : bestStart;
        }

        var to = Math.Min(text.Length, from + length);
        if (to < text.Length)
        {
            var space = text.LastIndexOf(' ', to - 1, to - from);
            to = space > from ? space : to;
        }

        return (from, to);
    }
}
