using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DanTienPortal.Web.Search;

/// <summary>
/// Term queries for one index reader, each term looked up in the terms dictionary once for the
/// reader rather than once per search: searches ask for the same few hundred syllables again
/// and again, and the look-up is a good part of a short query's cost.
/// </summary>
public sealed class TermStates(IndexReaderContext reader)
{
    /// <summary>Beyond this, terms (typing nobody repeats) are looked up each time, not kept.</summary>
    private const int MaxKept = 50_000;

    private readonly ConcurrentDictionary<Term, TermContext> _states = new();

    public TermQuery Query(string field, string text)
    {
        var term = new Term(field, text);
        if (!_states.TryGetValue(term, out var state))
        {
            state = TermContext.Build(reader, term);
            if (_states.Count < MaxKept)
            {
                _states.TryAdd(term, state);
            }
        }

        return new TermQuery(term, state);
    }
}
