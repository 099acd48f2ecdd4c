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
    private const int MaxMatches = 400;

    /// <summary>Longer "words" (codes, addresses run together) are never a query's syllable.</summary>
    private const int MaxWordLength = 32;

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The snippet of <paramref name="text"/> (NFC, as the index keeps it) for the folded terms.</summary>
    public static string Build(string text, IReadOnlySet<string> foldedTerms, int length = 160)
    {
        var terms = foldedTerms is HashSet<string> set && set.Comparer == StringComparer.Ordinal
            ? set
            : new HashSet<string>(foldedTerms, StringComparer.Ordinal);
        var lookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();

        // The best passage of a long page is nearly always in its first few thousand characters.
        // Each word is folded into a small buffer as it is read, so a long text costs no copies.
        var scanned = Math.Min(text.Length, MaxScanned);
        Span<char> word = stackalloc char[MaxWordLength];
        var matches = new List<(int Start, int End, string Term)>(32);
        for (var i = 0; i < scanned && matches.Count < MaxMatches;)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < scanned && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            if (i - start > MaxWordLength)
            {
                continue;
            }

            for (var k = start; k < i; k++)
            {
                word[k - start] = char.ToLowerInvariant(VietnameseText.FoldChar(text[k]));
            }

            if (lookup.TryGetValue(word[..(i - start)], out var term))
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
        if (to < text.Length)
        {
            html.Append(" …");
        }

        return html.ToString();
    }

    /// <summary>The window of about <paramref name="length"/> characters with the most distinct terms, cut at spaces.</summary>
    private static (int From, int To) BestWindow(string text, List<(int Start, int End, string Term)> matches, int length)
    {
        // One pass: the window's right edge moves forward, its left edge follows, counting terms in it.
        var inWindow = new Dictionary<string, int>(StringComparer.Ordinal);
        var bestStart = 0;
        var bestScore = -1;
        var right = 0;
        for (var left = 0; left < matches.Count; left++)
        {
            right = Math.Max(right, left);
            while (right < matches.Count && matches[right].End - matches[left].Start <= length)
            {
                inWindow[matches[right].Term] = inWindow.GetValueOrDefault(matches[right].Term) + 1;
                right++;
            }

            // Distinct words count most; more hits of them break ties.
            var score = (inWindow.Count * 100) + (right - left);
            if (score > bestScore)
            {
                bestScore = score;
                bestStart = matches[left].Start;
            }

            if (right > left && --inWindow[matches[left].Term] == 0)
            {
                inWindow.Remove(matches[left].Term);
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
