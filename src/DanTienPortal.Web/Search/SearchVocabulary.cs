namespace DanTienPortal.Web.Search;

/// <summary>
/// The folded syllables of the indexed documents with their document frequency and the accented
/// form seen most, for decoding keyboard leftovers, typo candidates and "did you mean".
/// </summary>
public sealed class SearchVocabulary
{
    // Per folded syllable: how many documents use it, and how often each accented form occurs. The
    // counts are kept (not only the most used form) so that a change of a few documents updates
    // the vocabulary from those documents alone.
    private readonly Dictionary<string, int> _frequency;
    private readonly Dictionary<string, Dictionary<string, int>> _forms;
    private readonly Dictionary<string, string> _display;
    private readonly ILookup<string, string> _byPhonetic;

    private SearchVocabulary(
        Dictionary<string, int> frequency, Dictionary<string, Dictionary<string, int>> forms, Dictionary<string, string> display,
        ILookup<string, string> byPhonetic, int documentCount)
    {
        DocumentCount = documentCount;
        _frequency = frequency;
        _forms = forms;
        _display = display;
        _byPhonetic = byPhonetic;
    }

    public static SearchVocabulary Empty { get; } = new(
        new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), Array.Empty<string>().ToLookup(s => s), 0);

    public int Count => _frequency.Count;

    public int DocumentCount { get; }

    public static SearchVocabulary Build(IEnumerable<SearchDocument> documents) => Empty.With([], documents);

    /// <summary>
    /// This vocabulary without <paramref name="removed"/> (documents it was built with) and with
    /// <paramref name="added"/>: only their text is read, so that publishing one article among
    /// thousands costs that article. This one is left as it is, for the searches still using it.
    /// </summary>
    public SearchVocabulary With(IEnumerable<SearchDocument> removed, IEnumerable<SearchDocument> added)
    {
        var frequency = new Dictionary<string, int>(_frequency, StringComparer.Ordinal);
        var forms = new Dictionary<string, Dictionary<string, int>>(_forms, StringComparer.Ordinal);
        // The form counts shared with this vocabulary are copied before their first change.
        var touched = new HashSet<string>(StringComparer.Ordinal);
        var documentCount = DocumentCount;
        var syllablesChanged = false;

        void Count(SearchDocument document, int delta)
        {
            documentCount += delta;
            var text = VietnameseText.Normalize($"{document.Title} {document.Keywords} {document.Body}");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var exact in VietnameseAnalyzers.Tokens(VietnameseAnalyzers.Exact, text))
            {
                var folded = VietnameseText.Fold(exact);
                if (seen.Add(folded))
                {
                    var before = frequency.GetValueOrDefault(folded);
                    var after = before + delta;
                    // A syllable new to the vocabulary, or gone from it.
                    syllablesChanged |= before == 0 || after == 0;
                    if (after == 0)
                    {
                        frequency.Remove(folded);
                    }
                    else
                    {
                        frequency[folded] = after;
                    }
                }

                if (touched.Add(folded))
                {
                    forms[folded] = forms.TryGetValue(folded, out var shared)
                        ? new Dictionary<string, int>(shared, StringComparer.Ordinal)
                        : new Dictionary<string, int>(StringComparer.Ordinal);
                }

                var byForm = forms[folded];
                var occurrences = byForm.GetValueOrDefault(exact) + delta;
                if (occurrences == 0)
                {
                    byForm.Remove(exact);
                }
                else
                {
                    byForm[exact] = occurrences;
                }
            }
        }

        foreach (var document in removed)
        {
            Count(document, -1);
        }

        foreach (var document in added)
        {
            Count(document, +1);
        }

        var display = new Dictionary<string, string>(_display, StringComparer.Ordinal);
        foreach (var folded in touched)
        {
            if (forms[folded].Count == 0)
            {
                forms.Remove(folded);
                display.Remove(folded);
            }
            else
            {
                // The most used form; among equals, the first in ordinal order, so that the choice
                // depends on the documents alone, not on the order they came and went.
                display[folded] = forms[folded].OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).First().Key;
            }
        }

        var byPhonetic = syllablesChanged ? frequency.Keys.ToLookup(VietnameseText.Phonetic, StringComparer.Ordinal) : _byPhonetic;
        return new SearchVocabulary(frequency, forms, display, byPhonetic, documentCount);
    }

    public bool Contains(string folded) => _frequency.ContainsKey(folded);

    public int Frequency(string folded) => _frequency.GetValueOrDefault(folded);

    /// <summary>
    /// Whether another syllable that sounds the same in some region is used by more pages: then a
    /// citizen who typed this one ("luôi", "xổ") may well mean that one ("nuôi", "sổ").
    /// </summary>
    public bool HasCommonerSoundAlike(string folded) =>
        _byPhonetic[VietnameseText.Phonetic(folded)].Any(other => other != folded && Frequency(other) > Frequency(folded));

    /// <summary>The accented form most documents use for a folded syllable.</summary>
    public string Display(string folded) => _display.GetValueOrDefault(folded, folded);

    /// <summary>
    /// The likeliest intended syllable for one that no document contains: same sound after the
    /// regional merges, else one or two edits away; the most frequent wins.
    /// </summary>
    public string? Correct(string folded)
    {
        if (Contains(folded))
        {
            return folded;
        }

        var phonetic = _byPhonetic[VietnameseText.Phonetic(folded)].MaxBy(Frequency);
        if (phonetic is not null)
        {
            return phonetic;
        }

        // One edit for a short syllable, two from six letters: more would turn nonsense into words.
        if (folded.Length < 3)
        {
            return null;
        }

        var maxEdits = folded.Length >= 6 ? 2 : 1;
        return _frequency.Keys
            .Where(term => Math.Abs(term.Length - folded.Length) <= maxEdits)
            .Select(term => (term, distance: EditDistance(term, folded)))
            .Where(x => x.distance <= maxEdits)
            .OrderBy(x => x.distance)
            .ThenByDescending(x => Frequency(x.term))
            .Select(x => x.term)
            .FirstOrDefault();
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
